package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.fs.RequestQueue;
import io.mmspec.runtime.mm.memory.PageRefs;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.VmEventCounters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Swap: the devices, their slots and counts, the swap cache, swap-out and swap-in. The entry
 * point of this package; mirrors mm/swapfile.c (sys_swapon(), folio_alloc_swap(),
 * swap_duplicate(), swap_free(), free_swap_and_cache(), put_swap_folio(), swapcache_prepare())
 * with the parts in {@link SwapSlots}, {@link SwapCache}, {@link SwapIo}, {@link SwapReadahead}
 * and {@link SwapIn}.
 *
 * <pre>
 *   reclaim:   folioAllocSwap(pfn)      slot with SWAP_HAS_CACHE, page in the swap cache, dirty
 *              swapDuplicate(pte) x N   one count per PTE replaced by the entry (try_to_unmap)
 *              writeout(pfn)            the bytes to the slot; PG_writeback until the disk is done
 *              (a later pass) delete    SWAP_HAS_CACHE dropped, the page freed; count N remains
 *   fault:     swapIn().doSwapPage(..)  cache hit (minor) or read (major); swap_free: N - 1
 *   fork:      swapDuplicate(pte)       the child's PTE holds the slot too
 *   unmap:     freeSwapAndCache(pte)    one count less; a slot only the cache holds goes too
 * </pre>
 */
public final class Swap {
    private final List<SwapInfo> swapInfo = new ArrayList<>();
    private final SwapTotals totals = new SwapTotals();
    private final SwapSlots slots;
    private final SwapCache cache;
    private final SwapIo io;
    private final SwapReadahead readahead;
    private final SwapIn swapIn;
    private final MemMap memMap;
    private final Current current;
    private final Trace trace;
    /** least_priority: swapon without a priority takes the next lower one, from -2 down. */
    private int leastPriority = -1;

    /**
     * Swap on the machine's clock: writes complete as events on {@code queue}, on the disks'
     * shared {@code requests}.
     */
    public Swap(PageRefs refs, CostMeter meter, VmEventCounters events, Trace trace, Current current, int cpus,
                SimClock clock, EventQueue queue, RequestQueue requests) {
        this.memMap = refs.memMap();
        this.current = current;
        this.trace = trace;
        this.slots = new SwapSlots(totals, cpus);
        this.cache = new SwapCache(this, refs, current);
        this.io = new SwapIo(memMap, meter, events, clock, queue, requests);
        cache.setOnDelete(io::forgetRead);
        this.readahead = new SwapReadahead(this, cache, io, refs, events);
        this.swapIn = new SwapIn(this, cache, readahead, refs, trace);
        slots.setReclaimer((si, offset) -> cache.tryToReclaimSwap(si, offset, SwapCache.TTRS_ANYWAY));
    }

    /** vm.page-cluster: swap readahead reads up to 2^N pages (at most 32); 3 by default. */
    public void setPageCluster(int pageCluster) {
        readahead.setPageCluster(pageCluster);
    }

    /** Connects the LRU lists of mm/vmscan.c (folio_add_lru, __page_cache_release). */
    public void setLru(SwapLru lru) {
        cache.setLru(lru);
        readahead.setLru(lru);
        io.writeback().setLru(lru);
    }

    /**
     * swapon(2) of a swap area of {@code bytes} (header page included) on {@code device};
     * {@code priority} null takes -2, -3, ... as swapon without -p does.
     */
    public SwapInfo swapon(String name, long bytes, Integer priority, BlockDevice device) {
        if (swapInfo.size() >= SwapEntry.MAX_SWAPFILES) {
            throw new IllegalStateException("swapon " + name + ": already " + SwapEntry.MAX_SWAPFILES + " swap areas");
        }
        int prio = priority != null ? priority : --leastPriority;
        SwapInfo si = new SwapInfo(swapInfo.size(), name, bytes / MemMap.PAGE_SIZE, prio, device);
        swapInfo.add(si);
        totals.totalSwapPages += si.pages();
        totals.nrSwapPages += si.pages();
        slots.addToAvail(si);
        return si;
    }

    public List<SwapInfo> devices() {
        return Collections.unmodifiableList(swapInfo);
    }

    /** total_swap_pages (SwapTotal, in pages; the OOM killer's totalpages adds it). */
    public long totalSwapPages() {
        return totals.totalSwapPages;
    }

    /** nr_swap_pages (SwapFree, in pages). */
    public long nrSwapPages() {
        return totals.nrSwapPages;
    }

    /** vm_swap_full(): less than half of swap is free. */
    public boolean vmSwapFull() {
        return totals.vmSwapFull();
    }

    public SwapCache cache() {
        return cache;
    }

    /** do_swap_page(), for the fault handler. */
    public SwapIn swapIn() {
        return swapIn;
    }

    /** The device of an entry, or null for a type no swapon made (or a bad offset). */
    SwapInfo info(long entry) {
        int type = SwapEntry.type(entry);
        if (type >= swapInfo.size()) {
            return null;
        }
        SwapInfo si = swapInfo.get(type);
        return si.isUsableOffset(SwapEntry.offset(entry)) ? si : null;
    }

    /** __swap_count(): how many swap PTEs hold the entry's slot. */
    public long swapCount(long entry) {
        SwapInfo si = info(entry);
        return si == null ? 0 : si.swapCount(SwapEntry.offset(entry));
    }

    /**
     * folio_alloc_swap() as shrink_folio_list() calls it for an anonymous page: a slot held by
     * SWAP_HAS_CACHE, the page in the swap cache, marked dirty. False when every device is full.
     */
    public boolean folioAllocSwap(long pfn) {
        SwapInfo[] found = new SwapInfo[1];
        long offset = slots.allocSlot(current.cpu(), found);
        if (offset == 0) {
            return false;
        }
        cache.add(found[0], offset, pfn);
        memMap.setFlag(pfn, PageFlags.PG_dirty);
        return true;
    }

    /**
     * swap_duplicate(): one more swap PTE will hold the entry of {@code swapPte}: try_to_unmap()
     * for each PTE it replaces, and fork for each swap PTE it copies. False if the slot is not
     * in use (the caller must not store the entry).
     */
    public boolean swapDuplicate(long swapPte) {
        long entry = SwapEntry.fromPte(swapPte);
        SwapInfo si = info(entry);
        long offset = SwapEntry.offset(entry);
        if (si == null || si.map.get(offset) == SwapMap.SWAP_MAP_BAD
                || si.map.get(offset) == 0) {
            return false;
        }
        si.map.increment(offset);
        return true;
    }

    /** swap_free(): a swap PTE stops holding the entry; a slot held by nothing more is freed. */
    public void swapFree(long entry) {
        SwapInfo si = requireInUse(entry);
        long offset = SwapEntry.offset(entry);
        si.map.decrement(offset);
        if (si.map.get(offset) == 0) {
            slots.freeSlot(si, offset);
        }
    }

    /**
     * free_swap_and_cache(): zap of a swap PTE (munmap, exit, MADV_DONTNEED). One count less;
     * if only the swap cache still holds the slot and the page is unmapped (or swap is half
     * full), the page leaves the cache and the slot is freed.
     */
    public void freeSwapAndCache(long swapPte) {
        long entry = SwapEntry.fromPte(swapPte);
        swapFree(entry);
        SwapInfo si = info(entry);
        long offset = SwapEntry.offset(entry);
        if (si.map.get(offset) == SwapMap.SWAP_HAS_CACHE) {
            cache.tryToReclaimSwap(si, offset, SwapCache.TTRS_UNMAPPED | SwapCache.TTRS_FULL);
        }
    }

    /** swapcache_prepare(): SWAP_HAS_CACHE on a slot in use, before a page is read into it. */
    void swapcachePrepare(SwapInfo si, long offset) {
        int value = si.map.get(offset);
        if ((value & SwapMap.SWAP_HAS_CACHE) != 0 || si.map.count(offset) == 0) {
            throw new IllegalStateException(si + ": slot " + offset + " cannot be cached (0x"
                    + Integer.toHexString(value) + ")");
        }
        si.map.set(offset, value | SwapMap.SWAP_HAS_CACHE);
    }

    /** put_swap_folio(): the swap cache lets go of the slot; freed if no swap PTE holds it. */
    void putSwapCache(SwapInfo si, long offset) {
        int value = si.map.get(offset);
        if ((value & SwapMap.SWAP_HAS_CACHE) == 0) {
            throw new IllegalStateException(si + ": slot " + offset + " has no SWAP_HAS_CACHE");
        }
        if (value == SwapMap.SWAP_HAS_CACHE) {
            slots.freeSlot(si, offset);
        } else {
            si.map.set(offset, value & ~SwapMap.SWAP_HAS_CACHE);
        }
    }

    /**
     * pageout() of a dirty swap-cache page (swap_writeout()): clears PG_dirty and writes the
     * page to its slot. Returns the bytes sent to the device: 0 for a zero page (clean at once),
     * else the page is under writeback until its request completes.
     */
    public long writeout(long pfn) {
        long entry = cache.entryOf(pfn);
        SwapInfo si = requireInUse(entry);
        memMap.clearFlag(pfn, PageFlags.PG_dirty);
        long bytes = io.writeout(si, SwapEntry.offset(entry), pfn);
        if (trace.isRecording(EventKind.SWAP_OUT)) {
            trace.event(EventKind.SWAP_OUT, current.cpu(), current.pid()).with("pfn", pfn)
                    .with("type", si.type()).with("offset", SwapEntry.offset(entry))
                    .with("zero", bytes == 0).emit();
        } else {
            trace.event(EventKind.SWAP_OUT, current.cpu(), current.pid()).emit();
        }
        return bytes;
    }

    /** blk_start_plug() for swap writes: those until {@link #finishPlug()} merge into one request per swap area. */
    public void startPlug() {
        io.startPlug();
    }

    /**
     * end_swap_bio_write() of every write complete by {@code now} (a reclaimer's own time, which
     * may be ahead of the clock). Returns the pages whose writeback ended.
     */
    public long endCompletedWriteback(long now) {
        return io.writeback().endCompleted(now);
    }

    /** Now, for the task or kernel thread whose step is running. */
    public long now() {
        return io.now();
    }

    /**
     * When {@code pages} more swap pages will have been written (or the last write in flight
     * completes, if fewer are); -1 if none is in flight.
     */
    public long writebackCompletionOf(long pages) {
        return io.writeback().completionOf(pages);
    }

    /** NR_WRITEBACK of swap-cache pages (meminfo's Writeback adds it to the page cache's). */
    public long nrWriteback() {
        return io.writeback().nrWriteback();
    }

    /** blk_finish_plug(): submits the merged writes. Returns the pages queued. */
    public long finishPlug() {
        return io.finishPlug();
    }

    private SwapInfo requireInUse(long entry) {
        SwapInfo si = info(entry);
        if (si == null || si.map.get(SwapEntry.offset(entry)) == 0) {
            throw new IllegalStateException("swap entry " + SwapEntry.describe(entry) + " is not in use");
        }
        return si;
    }

    /** Pte of the entry a swap-cache page holds, for try_to_unmap(). */
    public long swapPteOf(long pfn) {
        return SwapEntry.toPte(cache.entryOf(pfn));
    }

    /**
     * Recounts everything against the swap PTEs that {@code walker} reports (every swap PTE of
     * every page table): each slot's count equals the PTEs holding it, SWAP_HAS_CACHE equals a
     * swap-cache page, and the totals, cluster counts and lists agree.
     */
    public void checkInvariants(SwapPteWalker walker) {
        io.writeback().check();
        io.checkReads();
        new SwapChecker(this, memMap).check(walker);
    }

    /** The checks that need no page tables. */
    /**
     * The byte at {@code offset} of the page a swap PTE stands for, without any I/O: from the
     * swap cache if the page is there, else from what was written to the slot (a debugger's
     * view, for predicates).
     */
    public int peekByte(long swapPte, int offset) {
        long entry = SwapEntry.fromPte(swapPte);
        long page = cache().lookup(entry);
        if (page >= 0) {
            return memMap.readByte(page, offset) & 0xff;
        }
        byte[] stored = info(entry).stored(SwapEntry.offset(entry));
        return stored == null || stored == SwapInfo.ZERO ? 0 : MemMap.byteOf(stored, offset) & 0xff;
    }

    public void checkInvariants() {
        io.writeback().check();
        io.checkReads();
        new SwapChecker(this, memMap).check(null);
    }

    SwapTotals totals() {
        return totals;
    }

    SwapSlots slots() {
        return slots;
    }
}
