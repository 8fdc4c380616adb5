package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.arch.PageTable;
import io.mmspec.runtime.arch.Paging;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.memory.PageRefs;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * Reading a swapped page back, with readahead of its neighbours in the VMA. Mirrors
 * mm/swap_state.c: swap_vma_readahead() with swap_ra_info(), swap_ra_clamp_pfn() and
 * __swapin_nr_pages(), swap_update_readahead() for a swap-cache hit, and
 * __read_swap_cache_async(). VMA readahead is the kernel's default whenever no rotational
 * device is swapped on (swap_use_vma_readahead()); the devices of this model are all
 * non-rotational, so the offset-based swap_cluster_readahead() is never used and not modelled.
 *
 * <pre>
 *   win = __swapin_nr_pages(prev fault, this fault, hits, 8, prev win)   (per VMA: SwapRaInfo)
 *         hits + 2 rounded up to a power of two (&gt;= 4); 1 if no hits and not the page next to
 *         the previous fault; at most 1 &lt;&lt; min(page-cluster, 5) = 8; at least prev win / 2
 *
 *   fault after the previous one:   [f, f + win)          the window, in pages, clipped to
 *   fault before the previous one:  [f - win + 1, f]      the VMA and to the 2 MB (PMD) that
 *   otherwise:                      [f - (win-1)/2, ...)  holds the fault
 *
 *   every PTE of the window that holds a swap entry is read into the swap cache, wherever its
 *   slot is; a page so read other than the fault's own is PG_readahead and counts swap_ra
 * </pre>
 *
 * The reads are plugged ({@link SwapIo#plugRead}): slots that follow each other on the device
 * make one request. A later fault that finds a PG_readahead page counts swap_ra_hit and one
 * hit in its VMA's state, which widens the next window.
 */
final class SwapReadahead {
    /** vm.page-cluster: 3 (2 on machines under 16 MB, which this model does not boot). */
    static final int PAGE_CLUSTER = 3;
    /** SWAP_RA_ORDER_CEILING on 64-bit. */
    static final int RA_ORDER_CEILING = 5;
    /** max_win of swap_ra_info(). */
    static final int MAX_WIN = 1 << Math.min(PAGE_CLUSTER, RA_ORDER_CEILING);
    /** The window's ceiling for this machine's vm.page-cluster. */
    private int maxWin = MAX_WIN;

    private final Swap swap;
    private final SwapCache cache;
    private final SwapIo io;
    private final PageRefs refs;
    private final MemMap memMap;
    private final VmEventCounters events;
    private final SwapRaInfo raInfo = new SwapRaInfo();
    private SwapLru lru = SwapLru.NONE;
    /** The window swap_ra_info() chose for the current fault: [raStart, raEnd), addresses. */
    private long raStart;
    private long raEnd;

    /** vm.page-cluster (0..31): the window is at most 1 &lt;&lt; min(page-cluster, 5) pages. */
    void setPageCluster(int pageCluster) {
        if (pageCluster < 0 || pageCluster > 31) {
            throw new IllegalArgumentException("vm.page-cluster must be 0..31: " + pageCluster);
        }
        maxWin = 1 << Math.min(pageCluster, RA_ORDER_CEILING);
    }

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
     * swap_update_readahead() on a swap-cache hit at {@code address}: the VMA's state moves to
     * this address; a page brought in by readahead and now wanted counts swap_ra_hit once and
     * one hit more (up to SWAP_RA_HITS_MAX).
     */
    /** A fault found {@code pfn} in the swap cache: it waits for the page's read if one is in flight. */
    void waitForRead(long pfn) {
        io.waitForRead(pfn);
    }

    void noteHit(MmStruct mm, Vma vma, long address, long pfn) {
        boolean readahead = memMap.testAndClearFlag(pfn, PageFlags.PG_readahead);
        long ra = raInfo.get(mm, vma);
        int hits = SwapRaInfo.hits(ra);
        if (readahead) {
            hits = (int) Math.min(hits + 1, SwapRaInfo.HITS_MASK);
            events.count(VmEvent.SWAP_RA_HIT);
        }
        raInfo.set(mm, vma, SwapRaInfo.val(address, SwapRaInfo.win(ra), hits));
    }

    /**
     * swap_vma_readahead() for a cache miss on slot {@code offset} of {@code si}, the swap PTE
     * at {@code address}: reads the window and the faulting slot. Returns the faulting slot's
     * page, in the swap cache and with one extra reference for the caller, or -1 if no page
     * could be allocated for it.
     */
    long swapinReadahead(MmStruct mm, PageTable pageTable, Vma vma, long address, SwapInfo si,
                         long offset, int cpu) {
        int win = swapRaInfo(mm, vma, address);
        if (win > 1) {
            long faultPage = address & Paging.PAGE_MASK;
            for (long addr = raStart; addr < raEnd; addr += Paging.PAGE_SIZE) {
                readAheadPte(pageTable.pte(addr), addr != faultPage, cpu);
            }
        }
        long pfn = readSwapCacheAsync(si, offset, cpu); // found in the cache if the window read it
        io.finishReadPlug(pfn);
        return pfn;
    }

    /**
     * swap_ra_info(): the window from the VMA's previous fault, hits and window; the VMA's
     * state becomes (this fault, the window, no hits). Sets [raStart, raEnd) when win &gt; 1.
     */
    private int swapRaInfo(MmStruct mm, Vma vma, long faddr) {
        if (maxWin == 1) {
            return 1;
        }
        long ra = raInfo.get(mm, vma);
        long fpfn = faddr >>> Paging.PAGE_SHIFT;
        long pfn = SwapRaInfo.addr(ra) >>> Paging.PAGE_SHIFT;
        int win = nrPages(pfn, fpfn, SwapRaInfo.hits(ra), maxWin, SwapRaInfo.win(ra));
        raInfo.set(mm, vma, SwapRaInfo.val(faddr, win, 0));
        if (win == 1) {
            return 1;
        }
        if (fpfn == pfn + 1) {
            clamp(vma, faddr, fpfn, fpfn + win);
        } else if (pfn == fpfn + 1) {
            clamp(vma, faddr, fpfn - win + 1, fpfn + 1);
        } else {
            int left = (win - 1) / 2;
            clamp(vma, faddr, fpfn - left, fpfn + win - left);
        }
        return win;
    }

    /** swap_ra_clamp_pfn(): [lpfn, rpfn) inside the VMA and the PMD of the fault. */
    private void clamp(Vma vma, long faddr, long lpfn, long rpfn) {
        long pmdStart = faddr & Paging.PMD_MASK;
        long start = Math.max(lpfn, Math.max(vma.start(), pmdStart) >>> Paging.PAGE_SHIFT);
        long end = Math.min(rpfn, Math.min(vma.end(), pmdStart + Paging.PMD_SIZE) >>> Paging.PAGE_SHIFT);
        raStart = start << Paging.PAGE_SHIFT;
        raEnd = end << Paging.PAGE_SHIFT;
    }

    /**
     * One PTE of the window: none, present and non-swap entries are skipped; a swap entry's
     * slot is read into the cache (PG_readahead and swap_ra if it was not the fault's own and
     * was not cached already), and the reference the read took is put.
     */
    private void readAheadPte(long pte, boolean readahead, int cpu) {
        if (!Pte.isSwapEntry(pte)) {
            return;
        }
        long entry = SwapEntry.fromPte(pte);
        SwapInfo si = swap.info(entry);
        if (si == null) {
            return; // non_swap_entry()
        }
        long offset = SwapEntry.offset(entry);
        boolean wasCached = si.cachePfn(offset) >= 0;
        long pfn = readSwapCacheAsync(si, offset, cpu);
        if (pfn < 0) {
            return;
        }
        if (!wasCached && readahead) {
            memMap.setFlag(pfn, PageFlags.PG_readahead);
            events.count(VmEvent.SWAP_RA);
        }
        cache.put(pfn);
    }

    /**
     * __read_swap_cache_async() with swap_read_folio(): the page caching the slot, with a
     * reference for the caller; read from the device under the plug if it was not cached.
     * -1 if the slot is not in use or no page could be had.
     */
    private long readSwapCacheAsync(SwapInfo si, long offset, int cpu) {
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
            return readSwapCacheAsync(si, offset, cpu);
        }
        swap.swapcachePrepare(si, offset);
        cache.add(si, offset, pfn);
        io.plugRead(si, offset, io.read(si, offset, pfn), pfn);
        memMap.setFlag(pfn, PageFlags.PG_uptodate);
        lru.folioAddLru(pfn);
        return pfn;
    }

    /** __swapin_nr_pages(): offsets here are the virtual page numbers of the faults. */
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
