package io.mmspec.runtime.mm.mmap;

import java.util.Objects;

/**
 * When two VMAs may become one, and the two merges mm/vma.c does: a new range merged into its
 * neighbours (vma_merge_new_range(), for mmap, brk and mremap) and part of an existing VMA
 * whose flags change merged into a neighbour (vma_merge_existing_range(), for mprotect,
 * madvise and mlock).
 *
 * <pre>
 *   new range:        PPPP[nnnn]NNNN  ->  PPPPPPPPPPPP     (prev and next both compatible)
 *   existing, left:   PPPP[mm]MMMMM   ->  PPPPPP MMMMM     (the changed head joins prev)
 *   existing, right:  PPPP MMM[mm]NNN ->  PPPP MMM NNNNN   (the changed tail joins next)
 * </pre>
 *
 * Compatible (is_mergeable_vma, is_mergeable_anon_vma, can_vma_merge_before/after): the same
 * flags but VM_SOFTDIRTY, the same file object, the same anon_vma_name, contiguous pgoff, and
 * anon_vmas that are equal or of which one is missing, provided the VMA whose anon_vma would be
 * shared was not forked from a parent (vma_is_fork_child). VM_SPECIAL never merges.
 */
final class VmaMerge {
    private VmaMerge() {
    }

    /** vma_merge_new_range(): merges the hole [p.start, p.end) into prev and/or next. */
    static Vma mergeNewRange(MmStruct mm, MergeProposal p, boolean justExpand) {
        mm.clearUnmergedBoundary(p.start());
        mm.clearUnmergedBoundary(p.end());
        if (VmFlags.isSpecial(p.flags())) {
            return null;
        }
        Vma prev = mm.vmaBefore(p.start());
        Vma next = justExpand ? null : mm.findVma(p.end());
        boolean left = prev != null && prev.end() == p.start() && canMergeAfter(p, prev);
        boolean right = next != null && next.start() == p.end() && canMergeBefore(p, next)
                && (!left || anonCompatible(prev, next));
        if (!left && !right) {
            return null;
        }
        Vma merged = new Vma(left ? prev.start() : p.start(), right ? next.end() : p.end(),
                left ? prev.flags() : next.flags(), p.file(), left ? prev.pgoff() : p.pgoff(),
                firstAnon(left ? prev : null, p.anonVma(), right ? next : null), p.anonName());
        if (left) {
            mm.remove(prev);
        }
        if (right) {
            mm.remove(next);
        }
        mm.insert(merged);
        return merged;
    }

    /**
     * vma_merge_existing_range(): part [p.start, p.end) of p.middle takes new flags and joins a
     * neighbour it now matches. Returns the VMA now covering the range, or null if no merge was
     * possible (the caller then splits).
     */
    static Vma mergeExistingRange(MmStruct mm, MergeProposal p) {
        Vma middle = p.middle();
        boolean leftSide = p.start() == middle.start();
        boolean rightSide = p.end() == middle.end();
        if (leftSide) {
            mm.clearUnmergedBoundary(p.start());
        }
        if (rightSide) {
            mm.clearUnmergedBoundary(p.end());
        }
        if (VmFlags.isSpecial(p.flags() | middle.flags()) || (!leftSide && !rightSide)) {
            return null;
        }
        Vma prev = leftSide ? mm.findVmaPrev(middle) : null;
        Vma next = rightSide ? mm.vmaNext(middle) : null;
        boolean left = prev != null && prev.end() == p.start() && canMergeAfter(p, prev);
        boolean right = next != null && next.start() == p.end() && canMergeBefore(p, next)
                && (!left || anonCompatible(prev, next));
        if (!left && !right) {
            return null;
        }
        Vma merged = new Vma(left ? prev.start() : p.start(), right ? next.end() : p.end(),
                left ? prev.flags() : next.flags(), p.file(), left ? prev.pgoff() : p.pgoff(),
                firstAnon(left ? prev : null, middle.anonVma(), right ? next : null),
                p.anonName());
        mm.remove(middle);
        if (left) {
            mm.remove(prev);
        }
        if (right) {
            mm.remove(next);
        }
        if (!leftSide) {
            mm.insert(middle.withRange(middle.start(), p.start()));
        }
        if (!rightSide) {
            mm.insert(middle.withRange(p.end(), middle.end()));
        }
        mm.insert(merged);
        return merged;
    }

    /**
     * Whether two adjacent VMAs meet every merge condition, i.e. whether an operation that
     * touched their boundary would have merged them. validate_mm()'s extra check here.
     */
    static boolean mergeable(Vma prev, Vma next) {
        return prev.end() == next.start()
                && !VmFlags.isSpecial(prev.flags())
                && ((prev.flags() ^ next.flags()) & ~VmFlags.VM_IGNORE_MERGE) == 0
                && prev.file() == next.file()
                && Objects.equals(prev.anonName(), next.anonName())
                && prev.pgoff() + prev.pages() == next.pgoff()
                && (prev.anonVma() == next.anonVma()
                    || (prev.anonVma() == null && !isForkChild(next))
                    || (next.anonVma() == null && !isForkChild(prev)));
    }

    /** vma_is_fork_child(): its anon_vma_chain has more than its own anon_vma. */
    static boolean isForkChild(Vma vma) {
        return vma != null && vma.anonVma() != null && vma.anonVma().parent() != null;
    }

    private static boolean isMergeableVma(Vma target, MergeProposal p) {
        return ((target.flags() ^ p.flags()) & ~VmFlags.VM_IGNORE_MERGE) == 0
                && target.file() == p.file()
                && Objects.equals(target.anonName(), p.anonName());
    }

    /** is_mergeable_anon_vma(): the three cases of mm/vma.c. */
    private static boolean isMergeableAnonVma(Vma target, MergeProposal p) {
        AnonVma targetAnon = target.anonVma();
        AnonVma sourceAnon = p.anonVma();
        if (targetAnon == null && sourceAnon != null) {
            // the target would take (dup_anon_vma) the source's anon_vma
            return !isForkChild(p.middle()) && !isForkChild(p.copiedFrom());
        }
        if (targetAnon != null && sourceAnon == null) {
            return !isForkChild(target);
        }
        return targetAnon == sourceAnon;
    }

    /** can_vma_merge_before(): the range can join {@code next} from below. */
    private static boolean canMergeBefore(MergeProposal p, Vma next) {
        return isMergeableVma(next, p) && isMergeableAnonVma(next, p)
                && next.pgoff() == p.pgoff() + p.pages();
    }

    /** can_vma_merge_after(): the range can join {@code prev} from above. */
    private static boolean canMergeAfter(MergeProposal p, Vma prev) {
        return isMergeableVma(prev, p) && isMergeableAnonVma(prev, p)
                && prev.pgoff() + prev.pages() == p.pgoff();
    }

    /** A three-way merge also needs prev's and next's anon_vmas to agree. */
    private static boolean anonCompatible(Vma prev, Vma next) {
        return prev.anonVma() == null || next.anonVma() == null
                || prev.anonVma() == next.anonVma();
    }

    private static AnonVma firstAnon(Vma prev, AnonVma own, Vma next) {
        if (prev != null && prev.anonVma() != null) {
            return prev.anonVma();
        }
        if (own != null) {
            return own;
        }
        return next == null ? null : next.anonVma();
    }
}
