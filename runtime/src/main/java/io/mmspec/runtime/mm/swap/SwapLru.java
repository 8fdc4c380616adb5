package io.mmspec.runtime.mm.swap;

/**
 * What swap needs from the LRU lists of mm/vmscan.c, so that the swap code does not depend on
 * them: pages read into the swap cache join the LRU (folio_add_lru()), and a page whose last
 * reference goes is first taken off its list (__page_cache_release()), as the page allocator
 * refuses a page still on an LRU.
 */
public interface SwapLru {
    /** For machines without reclaim: no LRU to join or leave. */
    SwapLru NONE = new SwapLru() {
        @Override
        public void folioAddLru(long pfn) {
        }

        @Override
        public void releasePage(long pfn) {
        }

        @Override
        public void folioEndWriteback(long pfn) {
        }
    };

    /** folio_add_lru(): a page just read into the swap cache starts on the inactive anon list. */
    void folioAddLru(long pfn);

    /** __page_cache_release(): the page is about to be freed; off its LRU list if it is on one. */
    void releasePage(long pfn);

    /**
     * folio_end_writeback() of a page reclaim marked PG_reclaim: folio_rotate_reclaimable() moves
     * it to the tail of the inactive list, to be freed first. Clears PG_reclaim.
     */
    void folioEndWriteback(long pfn);
}
