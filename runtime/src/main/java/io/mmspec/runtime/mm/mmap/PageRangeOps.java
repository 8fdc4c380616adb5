package io.mmspec.runtime.mm.mmap;

/**
 * What mm/mmap.c asks of the rest of the kernel when VMAs change: the page tables (owned by the
 * arch and memory code) and the commit accounting (mm/util.c). The lead implements it; this
 * package never touches a page or a PTE itself.
 */
public interface PageRangeOps {
    /**
     * unmap_region() / zap_page_range_single() + free_pgtables(): drop every PTE in
     * [start, end) of {@code vma} (freeing or un-referencing the pages, fixing the RSS counters)
     * and free page-table pages nothing maps any more. Called after the VMA has left the tree,
     * once per removed VMA piece, and before a MAP_FIXED replacement is inserted;
     * {@link MmStruct#updateHiwaterRss()} has already been called.
     */
    void zap(MmStruct mm, Vma vma, long start, long end);

    /**
     * copy_page_range() for fork: copy the page tables of {@code srcVma} into {@code dstVma}
     * (same range), write-protecting private writable PTEs on both sides for copy-on-write.
     * Called only where the kernel's vma_needs_copy() says so: VMAs with an anon_vma (or
     * VM_COPY_ON_FORK); file pages of the others are faulted in again by the child.
     */
    void copyPageRange(MmStruct dst, Vma dstVma, MmStruct src, Vma srcVma);

    /**
     * move_page_tables() for mremap: move the PTEs of [oldAddr, oldAddr + len) to newAddr.
     * {@code oldVma} is the VMA as it was before the move; {@code newVma} is in the tree. The
     * old range is zapped (empty by then) and unmapped afterwards.
     */
    void movePageTables(MmStruct mm, Vma oldVma, long oldAddr, Vma newVma, long newAddr,
            long len);

    /**
     * security_vm_enough_memory_mm() / __vm_enough_memory(): may {@code pages} more pages be
     * committed (vm.overcommit_memory)? On true they are charged to Committed_AS.
     */
    boolean vmEnoughMemory(MmStruct mm, long pages);

    /** vm_unacct_memory(): give back {@code pages} of commit charge. */
    void vmUnacctMemory(long pages);
}
