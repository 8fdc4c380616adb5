package io.mmspec.runtime.mm.mmap;

import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * New flags for part of the address space: mprotect, madvise and mlock all come down to
 * mm/vma.c vma_modify_flags(). Per VMA in the range, in order: if the flags do not change,
 * nothing happens; otherwise the changed part first tries to merge into a neighbour
 * (vma_merge_existing_range()), and failing that is split off (split_vma(), ENOMEM at
 * max_map_count) and given the flags.
 *
 * <pre>
 *   AAAAAAAAA   modify [3,6) to r--:   AAA BBB AAA    (3 VMAs)
 *   AAA BBB AAA modify [3,6) to rw-:   AAAAAAAAA      (merged back into 1)
 * </pre>
 */
final class VmaModify {
    private VmaModify() {
    }

    static List<Vma> modifyFlags(Mmap ctx, MmStruct mm, long start, long end,
            LongUnaryOperator newFlags) {
        if (((start | end) & ~X86MmapLayout.PAGE_MASK) != 0 || end < start) {
            throw new IllegalArgumentException(
                    String.format("range %#x-%#x is not page aligned", start, end));
        }
        long addr = start;
        while (addr < end) {
            Vma vma = mm.findVma(addr);
            if (vma == null || vma.start() >= end) {
                break;
            }
            long from = Math.max(addr, vma.start());
            long to = Math.min(end, vma.end());
            long flags = newFlags.applyAsLong(vma.flags());
            if (flags == vma.flags()) {
                addr = to;
                continue;
            }
            Vma result = vmaModifyFlags(ctx, mm, vma, from, to, flags);
            addr = Math.max(to, result.end()); // a merged-in neighbour is not processed again
        }
        return mm.vmasIn(start, end);
    }

    /** vma_modify_flags(): returns the VMA that now covers [from, to). */
    private static Vma vmaModifyFlags(Mmap ctx, MmStruct mm, Vma vma, long from, long to,
            long flags) {
        Vma merged = VmaMerge.mergeExistingRange(mm, MergeProposal.modify(vma, from, to, flags));
        if (merged != null) {
            return merged;
        }
        Vma piece = vma;
        if (from > piece.start()) {
            checkSplit(ctx, mm);
            piece = mm.split(piece, from)[1];
        }
        if (to < piece.end()) {
            checkSplit(ctx, mm);
            piece = mm.split(piece, to)[0];
        }
        Vma updated = piece.withFlags(flags);
        mm.replace(piece, updated);
        return updated;
    }

    /** split_vma(): refuses at max_map_count. */
    private static void checkSplit(Mmap ctx, MmStruct mm) {
        if (mm.mapCount() >= ctx.config().maxMapCount()) {
            throw new SyscallException(Errno.ENOMEM, "split would exceed max_map_count");
        }
    }
}
