package io.mmspec.runtime.mm.mmap;

/**
 * struct vma_merge_struct: the range [start, end) and the attributes a VMA there would have.
 * {@code middle} is the existing VMA being modified (null for a new range); {@code copiedFrom}
 * is the VMA mremap is moving (null otherwise).
 */
record MergeProposal(long start, long end, long flags, MappedFile file, long pgoff,
        AnonVma anonVma, String anonName, Vma middle, Vma copiedFrom) {

    /** A new range (mmap, brk, the grown part of mremap). */
    static MergeProposal newRange(long start, long end, long flags, MappedFile file, long pgoff,
            AnonVma anonVma, String anonName) {
        return new MergeProposal(start, end, flags, file, pgoff, anonVma, anonName, null, null);
    }

    /** Part [start, end) of {@code middle} with new flags (vma_modify_flags()). */
    static MergeProposal modify(Vma middle, long start, long end, long newFlags) {
        return new MergeProposal(start, end, newFlags, middle.file(), middle.pgoffAt(start),
                middle.anonVma(), middle.anonName(), middle, null);
    }

    long pages() {
        return (end - start) >>> X86MmapLayout.PAGE_SHIFT;
    }

    Vma toVma() {
        return new Vma(start, end, flags, file, pgoff, anonVma, anonName);
    }
}
