package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_MASK;
import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SIZE;
import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PMD_SIZE;
import static io.mmspec.runtime.mm.mmap.X86MmapLayout.TASK_SIZE;

import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.SyscallException;

/**
 * Choosing where a mapping goes. Mirrors mm/mmap.c __get_unmapped_area(),
 * arch/x86/kernel/sys_x86_64.c arch_get_unmapped_area{,_topdown}(), mm/vma.c
 * unmapped_area{,_topdown}() (vm_unmapped_area) and mm/huge_memory.c __thp_get_unmapped_area().
 *
 * <pre>
 *   top-down:  search [mmap_min_addr, mmap_base) for the HIGHEST hole that fits;
 *              the mapping ends at the hole's top  ........[  new  ]VVVVVV  mmap_base
 *   no room:   fall back to bottom-up from mmap_legacy_base (TASK_SIZE/3) to TASK_SIZE
 *   a hint:    taken as is if [hint, hint+len) is free (below a stack's 1 MB guard gap)
 *   MAP_FIXED: taken as is (the caller unmaps what is there)
 *   THP:       anonymous, no hint, len a multiple of 2 MB: search for len + 2 MB and place
 *              the mapping on the highest 2 MB boundary inside the padded hole
 * </pre>
 */
final class UnmappedArea {
    private final MmapConfig config;

    UnmappedArea(MmapConfig config) {
        this.config = config;
    }

    /** __get_unmapped_area(): an address for [addr, addr+len), or SyscallException. */
    long get(MmStruct mm, MappedFile file, long addr, long len, int flags) {
        boolean anonPrivate = file == null && (flags & MapFlags.SHARED) == 0;
        long result = -1;
        if (anonPrivate && config.thpAlignment() && addr == 0 && len % PMD_SIZE == 0) {
            result = thpGetUnmappedArea(mm, len, flags);
        }
        if (result <= 0) {
            result = arch(mm, addr, len, flags);
        }
        if (result > TASK_SIZE - len) {
            throw new SyscallException(Errno.ENOMEM, "mapping beyond TASK_SIZE");
        }
        if ((result & ~PAGE_MASK) != 0) {
            throw new SyscallException(Errno.EINVAL, "address not page aligned");
        }
        if (result < config.dacMmapMinAddr()) { // security_mmap_addr(): cap_mmap_addr()
            throw new SyscallException(Errno.EPERM, "address below mmap_min_addr");
        }
        return result;
    }

    /** __thp_get_unmapped_area() for anonymous memory (file offset 0): -1 if it cannot. */
    private long thpGetUnmappedArea(MmStruct mm, long len, int flags) {
        long padded;
        try {
            padded = arch(mm, 0, len + PMD_SIZE, flags);
        } catch (SyscallException noRoomForPadding) {
            return -1; // the caller retries without the padding
        }
        if (padded == 0) {
            return -1; // MAP_FIXED at 0: "ret == addr", no alignment
        }
        long offSub = (-padded) & (PMD_SIZE - 1);
        if (mm.layout().topdown() && offSub == 0) {
            return padded + PMD_SIZE;
        }
        return padded + offSub;
    }

    private long arch(MmStruct mm, long addr, long len, int flags) {
        if (len > TASK_SIZE) {
            throw new SyscallException(Errno.ENOMEM, "length larger than the address space");
        }
        if ((flags & MapFlags.FIXED) != 0) {
            return addr;
        }
        return mm.layout().topdown() ? topdown(mm, addr, len) : bottomUp(mm, addr, len);
    }

    /** arch_get_unmapped_area_topdown(). */
    private long topdown(MmStruct mm, long addr, long len) {
        if (addr != 0) {
            addr &= PAGE_MASK;
            if (TASK_SIZE - len >= addr && hintFree(mm, addr, len)) {
                return addr;
            }
        }
        long found = searchTopdown(mm, len, PAGE_SIZE, mm.layout().mmapBase());
        if (found >= 0) {
            return found;
        }
        // "A failed mmap() very likely causes application failure": try bottom-up
        return bottomUp(mm, addr, len);
    }

    /** arch_get_unmapped_area(): the legacy, bottom-up search. */
    private long bottomUp(MmStruct mm, long addr, long len) {
        long begin = mm.layout().mmapLegacyBase();
        if (addr != 0) {
            addr = X86MmapLayout.pageAlign(addr);
            if (TASK_SIZE - len >= addr && hintFree(mm, addr, len)) {
                return addr;
            }
        }
        long found = searchBottomUp(mm, len, begin, TASK_SIZE);
        if (found < 0) {
            throw new SyscallException(Errno.ENOMEM, "no free area of " + len + " bytes");
        }
        return found;
    }

    private boolean hintFree(MmStruct mm, long addr, long len) {
        Vma vma = mm.findVma(addr);
        return vma == null || addr + len <= vmStartGap(vma);
    }

    /** unmapped_area_topdown(): the highest fitting hole below high, -1 if none. */
    private long searchTopdown(MmStruct mm, long length, long low, long high) {
        low = Math.max(low, config.mmapMinAddr());
        while (true) {
            long[] hole = mm.gaps().highest(low, high, length);
            if (hole == null) {
                return -1;
            }
            Vma next = mm.findVma(hole[1]);
            if (next != null && isStack(next) && vmStartGap(next) < hole[1]) {
                high = vmStartGap(next); // keep the stack's guard gap free
                continue;
            }
            return hole[1] - length;
        }
    }

    /** unmapped_area(): the lowest fitting hole above low, -1 if none. */
    private long searchBottomUp(MmStruct mm, long length, long low, long high) {
        low = Math.max(low, config.mmapMinAddr());
        while (true) {
            long[] hole = mm.gaps().lowest(low, high, length);
            if (hole == null) {
                return -1;
            }
            long gap = hole[0];
            Vma next = mm.findVma(gap);
            if (next != null && isStack(next) && vmStartGap(next) < gap + length - 1) {
                low = next.end();
                continue;
            }
            return gap;
        }
    }

    private static boolean isStack(Vma vma) {
        return (vma.flags() & VmFlags.VM_GROWSDOWN) != 0;
    }

    /** vm_start_gap(): a stack claims stack_guard_gap below its start. */
    long vmStartGap(Vma vma) {
        if (!isStack(vma)) {
            return vma.start();
        }
        return Math.max(vma.start() - config.stackGuardGap(), 0);
    }
}
