package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.mm.memory.PageRefs;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.Current;

/**
 * The swap cache: a page whose contents belong to a swap slot, found by the slot. Mirrors
 * mm/swap_state.c (swap_cache_get_folio(), add_to_swap_cache(), __delete_from_swap_cache(),
 * delete_from_swap_cache(), free_swap_cache()) and the swap-cache helpers of mm/swapfile.c
 * (put_swap_folio(), folio_free_swap(), __try_to_reclaim_swap()).
 *
 * <p>A page in the swap cache has PG_swapcache, page->private holding its entry, SWAP_HAS_CACHE
 * on its slot, and one reference for the cache. It stays there while it is written out and
 * after it is read back in, so that a clean page swapped out again needs no write.
 */
public final class SwapCache {
    private final Swap swap;
    private final PageRefs refs;
    private final MemMap memMap;
    private final Current current;
    private SwapLru lru = SwapLru.NONE;
    /** NR_SWAPCACHE. */
    private long nrSwapCached;

    private java.util.function.LongConsumer onDelete = pfn -> { };

    SwapCache(Swap swap, PageRefs refs, Current current) {
        this.swap = swap;
        this.refs = refs;
        this.memMap = refs.memMap();
        this.current = current;
    }

    void setLru(SwapLru lru) {
        this.lru = lru;
    }

    /** Pages in the swap cache (SwapCached in /proc/meminfo, nr_swapcached in vmstat). */
    public long nrSwapCached() {
        return nrSwapCached;
    }

    /** filemap_get_folio(swap_address_space(entry)): the pfn caching {@code entry}, or -1. */
    public long lookup(long entry) {
        SwapInfo si = swap.info(entry);
        return si == null ? -1 : si.cachePfn(SwapEntry.offset(entry));
    }

    /** folio_test_swapcache(). */
    public boolean isSwapCache(long pfn) {
        return memMap.testFlag(pfn, PageFlags.PG_swapcache) && memMap.testFlag(pfn, PageFlags.PG_swapbacked);
    }

    /** folio->swap: the entry of a swap-cache page. */
    public long entryOf(long pfn) {
        return memMap.pagePrivate(pfn);
    }

    /** add_to_swap_cache(): the slot must already carry SWAP_HAS_CACHE for this page. */
    void add(SwapInfo si, long offset, long pfn) {
        if (si.cachePfn(offset) >= 0 || !si.map.hasCache(offset)) {
            throw new IllegalStateException(si + ": slot " + offset + " cannot take page " + pfn);
        }
        memMap.incRefcount(pfn);
        memMap.setFlag(pfn, PageFlags.PG_swapbacked);
        memMap.setFlag(pfn, PageFlags.PG_swapcache);
        memMap.setPagePrivate(pfn, SwapEntry.of(si.type(), offset));
        si.setCachePfn(offset, pfn);
        nrSwapCached++;
    }

    /**
     * delete_from_swap_cache(): out of the cache, SWAP_HAS_CACHE dropped from the slot (freeing
     * it if no PTE holds it any more) and the cache's reference put, freeing the page if that
     * was the last.
     */
    void delete(long pfn) {
        long entry = entryOf(pfn);
        SwapInfo si = swap.info(entry);
        long offset = SwapEntry.offset(entry);
        if (si == null || si.cachePfn(offset) != pfn) {
            throw new IllegalStateException("pfn " + pfn + " is not the swap cache page of " + SwapEntry.describe(entry));
        }
        si.setCachePfn(offset, -1);
        onDelete.accept(pfn);
        memMap.clearFlag(pfn, PageFlags.PG_swapcache);
        memMap.setPagePrivate(pfn, 0);
        nrSwapCached--;
        swap.putSwapCache(si, offset);
        put(pfn);
    }

    /**
     * delete_from_swap_cache() as __remove_mapping() does it for reclaim, which holds its own
     * reference: the page leaves the cache (its slot keeps only its swap PTEs' counts, or is
     * freed) and the cache's reference is dropped.
     */
    public void deleteFromSwapCache(long pfn) {
        delete(pfn);
    }

    /**
     * The swap-cache half of folio_migrate_mapping(): the slot of {@code oldPfn} is now cached by
     * {@code newPfn}, which already carries PG_swapcache, the entry and the cache's reference
     * (page migration copies them).
     */
    public void replacePage(long oldPfn, long newPfn) {
        long entry = memMap.pagePrivate(newPfn);
        SwapInfo si = swap.info(entry);
        if (si == null || si.cachePfn(SwapEntry.offset(entry)) != oldPfn || !isSwapCache(newPfn)) {
            throw new IllegalStateException("pfn " + newPfn + " cannot take the swap cache place of " + oldPfn);
        }
        si.setCachePfn(SwapEntry.offset(entry), newPfn);
        onDelete.accept(oldPfn);
    }

    /** Who hears that a page left the swap cache (its read in flight, if any, is forgotten). */
    void setOnDelete(java.util.function.LongConsumer listener) {
        this.onDelete = listener;
    }

    /** folio_put(): the last reference takes the page off its LRU list and frees it. */
    void put(long pfn) {
        if (memMap.refcount(pfn) == 1) {
            lru.releasePage(pfn);
        }
        refs.put(pfn, 0, current.cpu());
    }

    /**
     * folio_free_swap(): gives up the slot of a swap-cache page no swap PTE holds any more, so
     * the page must be written again if it is reclaimed (it is marked dirty). True if it did.
     */
    public boolean folioFreeSwap(long pfn) {
        if (!isSwapCache(pfn) || memMap.testFlag(pfn, PageFlags.PG_writeback)) {
            return false;
        }
        if (swap.swapCount(entryOf(pfn)) > 0) {
            return false; // folio_swapped()
        }
        memMap.setFlag(pfn, PageFlags.PG_dirty);
        delete(pfn);
        return true;
    }

    /**
     * free_swap_cache(): called on a page whose mappings were just zapped; once no PTE maps it
     * and no swap PTE holds its slot, the swap cache lets it go (freeing it).
     */
    public void freeSwapCache(long pfn) {
        if (isSwapCache(pfn) && memMap.mapcount(pfn) == 0) {
            folioFreeSwap(pfn);
        }
    }

    /** __try_to_reclaim_swap() flags. */
    static final int TTRS_ANYWAY = 1;
    static final int TTRS_UNMAPPED = 2;
    static final int TTRS_FULL = 4;

    /**
     * __try_to_reclaim_swap(): drops the page caching a slot that only the cache still holds,
     * when {@code flags} allow it. True if the page left the cache.
     */
    boolean tryToReclaimSwap(SwapInfo si, long offset, int flags) {
        long pfn = si.cachePfn(offset);
        if (pfn < 0) {
            return false;
        }
        boolean need = (flags & TTRS_ANYWAY) != 0
                || (flags & TTRS_UNMAPPED) != 0 && memMap.mapcount(pfn) == 0
                || (flags & TTRS_FULL) != 0 && swap.vmSwapFull();
        if (!need || memMap.testFlag(pfn, PageFlags.PG_writeback) || si.map.get(offset) != SwapMap.SWAP_HAS_CACHE) {
            return false;
        }
        memMap.setFlag(pfn, PageFlags.PG_dirty);
        delete(pfn);
        return true;
    }
}
