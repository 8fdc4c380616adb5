package io.mmspec.runtime.mm.filemap;

/**
 * folio_mkclean() (mm/rmap.c): write-protect and clean every PTE mapping a page, so that the
 * next store through a shared mapping faults and dirties the page again. Writeback calls it
 * before it cleans a mapped page (folio_clear_dirty_for_io()). The reverse map lives in
 * mm/memory; the machine wires it in. The default does nothing.
 */
@FunctionalInterface
public interface PageMkclean {
    PageMkclean NONE = pfn -> false;

    /** Cleans the PTEs of {@code pfn}; returns true if any of them was dirty. */
    boolean mkclean(long pfn);
}
