package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.X86MmapLayout.TASK_SIZE;

import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.ArrayList;
import java.util.List;

/**
 * Taking ranges out of an address space. Mirrors mm/vma.c do_vmi_munmap() /
 * do_vmi_align_munmap() (split the VMAs at the edges, detach what lies inside, unmap_region()
 * it, give back the commit charge) and mm/mmap.c exit_mmap().
 *
 * <pre>
 *   before:   AAAAAAAA  BBBB  CCCCCC
 *   munmap:     [                 )
 *   split:    AA|AAAAAA  BBBB  CCCC|CC
 *   after:    AA                   CC    zap(AAAAAA), zap(BBBB), zap(CCCC)
 * </pre>
 */
final class Munmap {
    private Munmap() {
    }

    /** munmap(2): EINVAL for a bad range; unmapping nothing succeeds. */
    static void munmap(Mmap ctx, MmStruct mm, long start, long len) {
        if ((start & ~X86MmapLayout.PAGE_MASK) != 0 || start > TASK_SIZE || len < 0
                || len > TASK_SIZE - start) {
            throw new SyscallException(Errno.EINVAL, "bad munmap range");
        }
        long end = start + X86MmapLayout.pageAlign(len);
        if (end == start) {
            throw new SyscallException(Errno.EINVAL, "zero length");
        }
        doVmiMunmap(ctx, mm, start, end, true);
    }

    /**
     * do_vmi_munmap() for a page-aligned [start, end). {@code unacct}: give back the commit
     * charge of VM_ACCOUNT pages (false when MAP_FIXED or mremap hands it to a new VMA).
     */
    static void doVmiMunmap(Mmap ctx, MmStruct mm, long start, long end, boolean unacct) {
        Vma first = mm.findVma(start);
        if (first == null || first.start() >= end) {
            return;
        }
        // munmap may leave map_count one above the limit, but never splits one VMA in three
        // when it is already there
        if (first.start() < start && first.end() > end
                && mm.mapCount() >= ctx.config().maxMapCount()) {
            throw new SyscallException(Errno.ENOMEM, "splitting would exceed max_map_count");
        }
        if (first.start() < start) {
            mm.split(first, start);
        }
        Vma last = mm.vmaLookup(end - 1);
        if (last != null && last.end() > end) {
            mm.split(last, end);
        }
        removeAndZap(ctx, mm, mm.vmasIn(start, end), unacct);
        mm.clearUnmergedBoundaries(start, end);
    }

    /** exit_mmap(): every VMA goes, and its pages with it. */
    static void exitMmap(Mmap ctx, MmStruct mm) {
        removeAndZap(ctx, mm, new ArrayList<>(mm.vmas()), true);
        mm.clearUnmergedBoundaries(0, TASK_SIZE);
    }

    private static void removeAndZap(Mmap ctx, MmStruct mm, List<Vma> doomed, boolean unacct) {
        mm.updateHiwaterRss();
        mm.updateHiwaterVm();
        for (Vma vma : doomed) {
            mm.remove(vma);
        }
        long accounted = 0;
        for (Vma vma : doomed) {
            ctx.ops().zap(mm, vma, vma.start(), vma.end());
            if ((vma.flags() & VmFlags.VM_ACCOUNT) != 0) {
                accounted += vma.pages();
            }
        }
        if (unacct && accounted > 0) {
            ctx.ops().vmUnacctMemory(accounted);
        }
    }
}
