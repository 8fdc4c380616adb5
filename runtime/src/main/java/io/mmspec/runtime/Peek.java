package io.mmspec.runtime;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.filemap.AddressSpace;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.MappedFile;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.task.Task;

/**
 * Reads a process's memory the way a debugger would, never the way the program does: the byte
 * comes from wherever it is (the frame a PTE maps, the zero page, the page cache, the disk) and
 * nothing is faulted in, no counter moves, no TLB is filled. Mirrors what mm/gup.c:
 * follow_page_pte() finds for a present PTE, and otherwise what a fault would read
 * (filemap_get_folio() for a cached file page, the block on disk for an uncached one, zeros for
 * untouched anonymous memory). Swap entries are out of reach until swap exists.
 */
public final class Peek {
    private static final long HPAGE_PMD_MASK_LOW = (2L << 20) - 1;

    private final Machine machine;

    public Peek(Machine machine) {
        this.machine = machine;
    }

    /** The byte at {@code address} of {@code task} (0..255), or -1 if no VMA covers it. */
    public int byteAt(Task task, long address) {
        if (task.mm() == null) {
            return -1;
        }
        Vma vma = task.mm().vmaLookup(address);
        if (vma == null) {
            return -1;
        }
        long entry = MmOps.context(task.mm()).pageTable().pte(address);
        if (Pte.isPresent(entry)) {
            long pfn = Pte.pfn(entry);
            if (machine.zeroPages().isZeroPfn(pfn)) {
                return 0;
            }
            long offset = Pte.isHuge(entry) ? address & HPAGE_PMD_MASK_LOW : address & 0xfff;
            return machine.pageAllocator().memMap().readByte(pfn + (offset >>> 12), (int) (offset & 0xfff)) & 0xff;
        }
        if (entry != 0) {
            return machine.swap().peekByte(entry, (int) (address & 0xfff));
        }
        return vma.file() == null ? 0 : fileByte(vma.file(), (vma.pgoffAt(address) << 12) + (address & 0xfff));
    }

    /**
     * {@code length} bytes from {@code address}; null if any of them is not covered by a VMA.
     */
    public byte[] bytes(Task task, long address, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            int b = byteAt(task, address + i);
            if (b < 0) {
                return null;
            }
            out[i] = (byte) b;
        }
        return out;
    }

    /** The byte at {@code offset} of a file as a reader would see it: page cache first, then disk. */
    public int fileByte(MappedFile file, long offset) {
        long pfn = machine.pageCache().findPage(file, offset >>> 12);
        if (pfn != AddressSpace.NONE) {
            return machine.pageAllocator().memMap().readByte(pfn, (int) (offset & 0xfff)) & 0xff;
        }
        return file instanceof Inode inode ? inode.diskByte(offset) & 0xff : 0;
    }

    /** Bytes as the scenario language writes them: a quoted string, \xHH for the unprintable. */
    public static String show(byte[] bytes) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.append('"').toString();
    }
}
