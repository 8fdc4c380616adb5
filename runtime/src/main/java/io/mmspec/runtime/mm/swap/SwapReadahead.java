package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.mm.memory.PageRefs;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * Reading a swapped page back, with readahead of its neighbours on the device. Mirrors
 * mm/swap_state.c: swap_cluster_readahead() with swapin_nr_pages() / __swapin_nr_pages(), and
 * __read_swap_cache_async().
 *
 * <pre>
 *   window = swapin_nr_pages(offset): hits + 2, rounded up to a power of two (at least 4);
 *            1 when nothing hit and the fault is not next to the last one; at most
 *            1 &lt;&lt; page-cluster (8), and not below half the previous window
 *   read the aligned window [offset &amp; ~(w-1), offset | (w-1)], slot 0 (the header) excluded:
 *   every slot in use and not cached gets a page (PG_readahead, swap_ra), then the faulting one
 * </pre>
 *
 * A later fault that finds a PG_readahead page counts swap_ra_hit and widens the next window.
 * This is the offset-based readahead the kernel uses when VMA-based readahead is off
 * (/sys/kernel/mm/swap/vma_ra_enabled, on by default for non-rotational swap): VMA readahead
 * keeps a window per VMA, which the immutable VMAs of this model do not carry.
 */
final class SwapReadahead {
    /** vm.page-cluster: 3 (2 on machines under 16 MB, which this model does not boot). */
    static final int PAGE_CLUSTER = 3;

    private final Swap swap;
    private final SwapCache cache;
    private final SwapIo io;
    private final PageRefs refs;
    private final MemMap memMap;
    private final VmEventCounters events;
    private SwapLru lru = SwapLru.NONE;
    private long prevOffset;
    private int lastReadaheadPages;
    /** swapin_readahead_hits. */
    private int readaheadHits;

    SwapReadahead(Swap swap, SwapCache cache, SwapIo io, PageRefs refs, VmEventCounters events) {
        this.swap = swap;
        this.cache = cache;
        this.io = io;
        this.refs = refs;
        this.memMap = refs.memMap();
        this.events = events;
    }

    void setLru(SwapLru lru) {
        this.lru = lru;
    }

    /**
     * swap_update_readahead() on a swap-cache hit: a page brought in by readahead and now
     * wanted counts swap_ra_hit once.
     */
    void noteHit(long pfn) {
        if (memMap.testAndClearFlag(pfn, PageFlags.PG_readahead)) {
            events.count(VmEvent.SWAP_RA_HIT);
            readaheadHits++;
        }
    }

    /**
     * swapin_readahead() for a cache miss: reads the window and the faulting slot. Returns the
     * faulting slot's page, in the swap cache and with one extra reference for the caller, or
     * -1 if no page could be allocated for it.
     */
    long swapinReadahead(SwapInfo si, long offset, int cpu) {
        int window = swapinNrPages(offset);
        long bytes = 0;
        if (window > 1) {
            long mask = window - 1;
            long start = Math.max(1, offset & ~mask);
            long end = Math.min(offset | mask, si.max - 1);
            for (long o = start; o <= end; o++) {
                if (o != offset) {
                    bytes += readAhead(si, o, cpu);
                }
            }
        }
        long[] read = {0};
        long pfn = readSwapCacheAsync(si, offset, cpu, read);
        io.chargeRead(si, bytes + read[0]);
        return pfn;
    }

    /** One readahead page: read into the cache, marked PG_readahead, the caller's reference put. */
    private long readAhead(SwapInfo si, long offset, int cpu) {
        long[] read = {0};
        boolean wasCached = si.cachePfn(offset) >= 0;
        long pfn = readSwapCacheAsync(si, offset, cpu, read);
        if (pfn < 0) {
            return 0;
        }
        if (!wasCached) {
            memMap.setFlag(pfn, PageFlags.PG_readahead);
            events.count(VmEvent.SWAP_RA);
        }
        cache.put(pfn);
        return read[0];
    }

    /**
     * __read_swap_cache_async(): the page caching the slot, with a reference for the caller;
     * reading it from the device if it was not cached (bytes read added to {@code read[0]}).
     * -1 if the slot is not in use or no page could be had.
     */
    private long readSwapCacheAsync(SwapInfo si, long offset, int cpu, long[] read) {
        long cached = si.cachePfn(offset);
        if (cached >= 0) {
            memMap.incRefcount(cached);
            return cached;
        }
        if (si.map.count(offset) == 0) {
            return -1; // !swap_entry_swapped(): nothing to read
        }
        long pfn = refs.allocUserPage(0, false, cpu);
        if (pfn < 0) {
            return -1;
        }
        if (si.cachePfn(offset) >= 0 || si.map.count(offset) == 0) {
            refs.put(pfn, 0, cpu); // reclaim ran during the allocation and changed the slot
            return readSwapCacheAsync(si, offset, cpu, read);
        }
        swap.swapcachePrepare(si, offset);
        cache.add(si, offset, pfn);
        read[0] += io.read(si, offset, pfn);
        memMap.setFlag(pfn, PageFlags.PG_uptodate);
        lru.folioAddLru(pfn);
        return pfn;
    }

    /** swapin_nr_pages(). */
    private int swapinNrPages(long offset) {
        int maxPages = 1 << PAGE_CLUSTER;
        int hits = readaheadHits;
        readaheadHits = 0;
        int pages = nrPages(prevOffset, offset, hits, maxPages, lastReadaheadPages);
        if (hits == 0) {
            prevOffset = offset;
        }
        lastReadaheadPages = pages;
        return pages;
    }

    /** __swapin_nr_pages(). */
    static int nrPages(long prevOffset, long offset, int hits, int maxPages, int prevWin) {
        int pages = hits + 2;
        if (pages == 2) {
            if (offset != prevOffset + 1 && offset != prevOffset - 1) {
                pages = 1;
            }
        } else {
            int roundup = 4;
            while (roundup < pages) {
                roundup <<= 1;
            }
            pages = roundup;
        }
        pages = Math.min(pages, maxPages);
        return Math.max(pages, prevWin / 2);
    }
}
