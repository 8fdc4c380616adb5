package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SIZE;

import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import java.util.SplittableRandom;

/**
 * One machine's Mmap with recording callbacks and one address space, plus the drawing helper
 * the tests assert on first (as tools/testing/vma does): one character per page, the VMA's
 * protection ('-' ---, 'r' r--, 'w' rw-, 'x' r-x, 'X' rwx, 'o' -w- or --x), '.' for no
 * mapping, and '|' where two VMAs touch.
 */
final class Fixture {
    static final int ANON = MapFlags.PRIVATE | MapFlags.ANONYMOUS;
    static final int RW = Prot.READ | Prot.WRITE;
    static final long K = 1024;
    static final long M = 1024 * 1024;
    /** mmap_base with ASLR off: TASK_SIZE - 128 MB (the minimum stack gap). */
    static final long MMAP_BASE = 0x7ffff7fff000L;

    final RecordingOps ops = new RecordingOps();
    final Mmap mmap;
    final MmStruct mm;

    Fixture() {
        this(MmapConfig.defaults().withRandomizeVaSpace(0));
    }

    Fixture(MmapConfig config) {
        mmap = new Mmap(config, ops);
        mm = mmap.mmAlloc(config.randomize() ? new SplittableRandom(1) : null);
    }

    long anon(long addr, long pages, int prot) {
        int flags = ANON | (addr != 0 ? MapFlags.FIXED : 0);
        long result = mmap.mmap(mm, addr, pages * PAGE_SIZE, prot, flags, null, 0);
        mm.checkInvariants();
        return result;
    }

    void protect(long addr, long pages, int prot) {
        mmap.modifyFlags(mm, addr, addr + pages * PAGE_SIZE,
                old -> (old & ~VmFlags.VM_ACCESS_FLAGS) | VmFlags.calcVmProtBits(prot));
        mm.checkInvariants();
    }

    void unmap(long addr, long pages) {
        mmap.munmap(mm, addr, pages * PAGE_SIZE);
        mm.checkInvariants();
    }

    String draw(long start, int pages) {
        return draw(mm, start, pages);
    }

    static String draw(MmStruct mm, long start, int pages) {
        StringBuilder out = new StringBuilder();
        Vma previous = null;
        for (int i = 0; i < pages; i++) {
            long addr = start + i * PAGE_SIZE;
            Vma vma = mm.vmaLookup(addr);
            if (vma != null && previous != null && vma != previous && previous.end() == addr) {
                out.append('|');
            }
            out.append(vma == null ? '.' : protChar(vma.prot()));
            previous = vma;
        }
        return out.toString();
    }

    private static char protChar(int prot) {
        switch (prot) {
            case Prot.NONE: return '-';
            case Prot.READ: return 'r';
            case Prot.READ | Prot.WRITE: return 'w';
            case Prot.READ | Prot.EXEC: return 'x';
            case Prot.READ | Prot.WRITE | Prot.EXEC: return 'X';
            default: return 'o';
        }
    }

    String maps() {
        return ProcMaps.render(mm);
    }
}
