package io.mmspec.runtime.arch;

/**
 * Where page-table pages come from: mirrors __pte_alloc_one / pte_free (asm/pgalloc.h), which
 * take order-0 pages from the buddy allocator. The machine plugs in its page allocator; tests
 * use a counter. Every table page, the PML4 included, is one 4 KB physical page.
 */
public interface PageTableAllocator {

    /** One zeroed page for a page table; returns its pfn. Throws if memory is exhausted. */
    long allocTablePage();

    /** Gives back a table page that no entry points to any more. */
    void freeTablePage(long pfn);
}
