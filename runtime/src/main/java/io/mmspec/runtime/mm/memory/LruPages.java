package io.mmspec.runtime.mm.memory;

/**
 * What page references and migration need of the LRU lists (mm/swap.c, mm/vmscan.c), so that
 * this package does not depend on the reclaim code that depends on it.
 */
public interface LruPages {
    /** folio_add_lru_vma() / folio_add_lru(): a new page (2^order pages) joins its list. */
    void add(long pfn, int order, long vmFlags);

    /** __page_cache_release(): off its list before the last reference goes. */
    void release(long pfn);

    /** folio_isolate_lru(): off its list for migration; false if it was on none. */
    boolean isolate(long pfn);

    /** No LRU: pages are never on a list (a machine wired without reclaim, or tests). */
    LruPages NONE = new LruPages() {
        @Override
        public void add(long pfn, int order, long vmFlags) {
        }

        @Override
        public void release(long pfn) {
        }

        @Override
        public boolean isolate(long pfn) {
            return false;
        }
    };
}
