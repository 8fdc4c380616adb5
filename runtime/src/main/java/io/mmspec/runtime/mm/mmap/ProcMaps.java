package io.mmspec.runtime.mm.mmap;

/**
 * /proc/PID/maps, byte for byte. Mirrors fs/proc/task_mmu.c show_map_vma(),
 * show_vma_header_prefix() and get_vma_name():
 *
 * <pre>
 * 00400000-03600000 r-xp 00000000 08:01 1234                               /usr/bin/firefox
 * 7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0                          [stack]
 * </pre>
 *
 * The header is {@code %08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu } (offset, device and inode
 * only for files); a name, if any, is padded to column 73 (seq_setwidth(25 + 6 *
 * sizeof(void *) - 1) then seq_pad(' ')). Anonymous VMAs are named [heap] if they overlap
 * [start_brk, brk) (vma_is_initial_heap(), strict since 6.7), [stack] if they hold start_stack,
 * else [anon:NAME] if named; a line without a name ends with the header's space.
 */
public final class ProcMaps {
    private static final int HEADER_WIDTH = 25 + 6 * 8 - 1;

    private ProcMaps() {
    }

    /** Every VMA's line, each ending in a newline. */
    public static String render(MmStruct mm) {
        StringBuilder out = new StringBuilder();
        for (Vma vma : mm.vmas()) {
            out.append(line(mm, vma)).append('\n');
        }
        return out.toString();
    }

    /** One line, without its newline. */
    public static String line(MmStruct mm, Vma vma) {
        MappedFile file = vma.file();
        long pgoff = file == null ? 0 : vma.pgoff() << X86MmapLayout.PAGE_SHIFT;
        StringBuilder line = new StringBuilder(String.format("%08x-%08x %s %08x %02x:%02x %d ",
                vma.start(), vma.end(), VmFlags.permissions(vma.flags()), pgoff,
                file == null ? 0 : file.devMajor(), file == null ? 0 : file.devMinor(),
                file == null ? 0 : file.inode()));
        String name = name(mm, vma);
        if (name != null) {
            while (line.length() < HEADER_WIDTH) {
                line.append(' ');
            }
            line.append(' ').append(name);
        }
        return line.toString();
    }

    /** get_vma_name(). */
    static String name(MmStruct mm, Vma vma) {
        if (vma.file() != null) {
            return vma.anonName() != null ? "[anon_shmem:" + vma.anonName() + "]"
                    : vma.file().path();
        }
        MmLayout layout = mm.layout();
        if (vma.start() < layout.brk() && vma.end() > layout.startBrk()) {
            return "[heap]";
        }
        if (vma.start() <= layout.startStack() && vma.end() >= layout.startStack()) {
            return "[stack]";
        }
        return vma.anonName() != null ? "[anon:" + vma.anonName() + "]" : null;
    }
}
