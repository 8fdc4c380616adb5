package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.fs.RequestQueue;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * Reading and writing swap slots. Mirrors mm/page_io.c: swap_writeout() with
 * is_folio_zero_filled() (a page of zeros is only marked in si->zeromap, swpout_zero, and
 * written nowhere), __swap_writepage() (pswpout, pgpgout in KB) and swap_read_folio()
 * (swap_read_folio_zeromap(): swpin_zero without I/O; otherwise pswpin, pgpgin), with the
 * plug a swap fault puts around its reads ({@link #plugRead}, {@link #finishReadPlug}).
 *
 * <p>A slot keeps the page's bytes in the sparse form memory keeps them ({@link MemMap#snapshot}),
 * so memory follows what was written rather than the page size. The bytes are stored when the write is submitted (the
 * page is unmapped by then, so nobody can change them).
 *
 * <p>Writes are asynchronous, as on a real block device: the page is under writeback
 * ({@link SwapWriteback}) until its request completes on the disk's {@link RequestQueue},
 * and the reclaimer pays only the CPU cost of submitting it, unless every tag of the disk's
 * queue is in use: then it sleeps until the oldest request completes. Writes issued between
 * {@link #startPlug()} and {@link #finishPlug()} are one request per swap area, as
 * blk_start_plug() / blk_finish_plug() around shrink_lruvec() merge the bios of adjacent slots
 * (the cluster allocator hands them out in order). The faulting task waits for the read of
 * its own page, queued behind the writes already on the disk; a readahead page is locked
 * until its request completes ({@link #waitForRead}).
 */
final class SwapIo {
    private final MemMap memMap;
    private final CostMeter meter;
    private final VmEventCounters events;
    private final SimClock clock;
    private final EventQueue queue;
    private final RequestQueue requests;
    private final SwapWriteback writeback;

    /** Pages written under the current plug, by swap type, and the areas they went to. */
    private final long[][] pluggedPfns = new long[SwapEntry.MAX_SWAPFILES][];
    private final int[] pluggedCount = new int[SwapEntry.MAX_SWAPFILES];
    private final SwapInfo[] pluggedAreas = new SwapInfo[SwapEntry.MAX_SWAPFILES];
    private boolean plugging;

    /** Read requests of the current swap fault: area, bytes and last slot of each run. */
    private SwapInfo[] readRunArea = new SwapInfo[8];
    private long[] readRunBytes = new long[8];
    private long[] readRunLastOffset = new long[8];
    private int readRuns;
    /** The pages of the current read plug and the run (request) each belongs to. */
    private long[] readPfns = new long[16];
    private int[] readPfnRun = new int[16];
    private int readPages;
    /** Swap-cache pages whose read is still in flight: when it completes (folio locked until then). */
    private final io.mmspec.runtime.sim.LongLongMap readDone = new io.mmspec.runtime.sim.LongLongMap();

    SwapIo(MemMap memMap, CostMeter meter, VmEventCounters events, SimClock clock, EventQueue queue,
           RequestQueue requests) {
        this.memMap = memMap;
        this.meter = meter;
        this.events = events;
        this.clock = clock;
        this.queue = queue;
        this.requests = requests;
        this.writeback = new SwapWriteback(memMap, events);
    }

    SwapWriteback writeback() {
        return writeback;
    }

    /** Now, for whoever does the I/O: the clock plus what its step has spent so far. */
    long now() {
        return clock.now() + meter.peek();
    }

    /**
     * swap_writeout(): the page's bytes to its slot. Returns the bytes that go to the device
     * (0 for a zero page, which is clean at once). Otherwise the page is under writeback; the
     * request is queued now, or at {@link #finishPlug()} when plugged.
     */
    long writeout(SwapInfo si, long offset, long pfn) {
        byte[] contents = memMap.snapshot(pfn); // null for a page is_folio_zero_filled() finds empty
        if (contents == null) {
            si.store(offset, SwapInfo.ZERO);
            events.count(VmEvent.SWPOUT_ZERO);
            return 0;
        }
        si.store(offset, contents);
        events.count(VmEvent.PSWPOUT);
        events.count(VmEvent.PGPGOUT, MemMap.PAGE_SIZE / 1024);
        writeback.start(pfn);
        if (plugging) {
            hold(si, pfn);
        } else {
            submit(si, new long[] {pfn});
        }
        return MemMap.PAGE_SIZE;
    }

    private void hold(SwapInfo si, long pfn) {
        int type = si.type();
        long[] pfns = pluggedPfns[type];
        if (pfns == null) {
            pfns = pluggedPfns[type] = new long[64];
        } else if (pluggedCount[type] == pfns.length) {
            pfns = pluggedPfns[type] = java.util.Arrays.copyOf(pfns, pfns.length * 2);
        }
        pfns[pluggedCount[type]++] = pfn;
        pluggedAreas[type] = si;
    }

    /** submit_bio() of one write request; its completion is an event on the machine's queue. */
    private void submit(SwapInfo si, long[] pfns) {
        long now = now();
        long admitted = requests.admitAt(si.device(), now);
        if (admitted > now) {
            meter.charge(admitted - now); // every tag in use: the writer sleeps for one
        }
        long done = requests.submit(si.device(), (long) pfns.length * MemMap.PAGE_SIZE, admitted);
        writeback.queued(pfns, done);
        queue.at(done, () -> writeback.endCompleted(done));
    }

    /** blk_start_plug(): writes from here on are held and merged. Plugs do not nest. */
    void startPlug() {
        if (plugging) {
            throw new IllegalStateException("swap writes are already plugged");
        }
        plugging = true;
    }

    /** blk_finish_plug(): one request per swap area for what was held. Returns the pages queued. */
    long finishPlug() {
        long pages = 0;
        for (int type = 0; type < pluggedCount.length; type++) {
            if (pluggedCount[type] > 0) {
                submit(pluggedAreas[type], java.util.Arrays.copyOf(pluggedPfns[type], pluggedCount[type]));
                pages += pluggedCount[type];
                pluggedCount[type] = 0;
                pluggedAreas[type] = null;
            }
        }
        plugging = false;
        return pages;
    }

    /**
     * swap_read_folio(): the slot's bytes into the page. Returns the bytes that went through
     * the device (0 for a zeromap slot); the caller plugs them ({@link #plugRead}).
     */
    int read(SwapInfo si, long offset, long pfn) {
        byte[] bytes = si.stored(offset);
        if (bytes == null) {
            throw new IllegalStateException(si + ": reading slot " + offset + ", which was never written");
        }
        if (bytes == SwapInfo.ZERO) {
            memMap.clearPage(pfn);
            events.count(VmEvent.SWPIN_ZERO);
            return 0;
        }
        memMap.restore(pfn, bytes);
        events.count(VmEvent.PSWPIN);
        events.count(VmEvent.PGPGIN, MemMap.PAGE_SIZE / 1024);
        return MemMap.PAGE_SIZE;
    }

    /**
     * A page read from slot {@code offset} under the read plug of a swap fault: {@code bytes}
     * (0 for a zeromap slot, which needs no request) join the last request if the slot follows
     * its last slot on the same area, as blk_attempt_plug_merge() back-merges a bio into the
     * last request of the plug; otherwise they start a request of their own.
     */
    void plugRead(SwapInfo si, long offset, int bytes, long pfn) {
        if (bytes == 0) {
            return;
        }
        int last = readRuns - 1;
        if (last >= 0 && readRunArea[last] == si && readRunLastOffset[last] == offset - 1) {
            readRunBytes[last] += bytes;
            readRunLastOffset[last] = offset;
            notePlugged(pfn, last);
            return;
        }
        notePlugged(pfn, readRuns);
        if (readRuns == readRunArea.length) {
            readRunArea = java.util.Arrays.copyOf(readRunArea, readRuns * 2);
            readRunBytes = java.util.Arrays.copyOf(readRunBytes, readRuns * 2);
            readRunLastOffset = java.util.Arrays.copyOf(readRunLastOffset, readRuns * 2);
        }
        readRunArea[readRuns] = si;
        readRunBytes[readRuns] = bytes;
        readRunLastOffset[readRuns] = offset;
        readRuns++;
    }

    private void notePlugged(long pfn, int run) {
        if (readPages == readPfns.length) {
            readPfns = java.util.Arrays.copyOf(readPfns, readPages * 2);
            readPfnRun = java.util.Arrays.copyOf(readPfnRun, readPages * 2);
        }
        readPfns[readPages] = pfn;
        readPfnRun[readPages++] = run;
    }

    /**
     * blk_finish_plug() for the reads of one swap fault: each request is submitted now, in
     * order (the device's latency overlaps between them). The faulting task waits for the
     * request carrying {@code faultPfn} only, as swap_read_folio() then folio_lock() do; every
     * other page of the window stays locked until its own request completes, and a fault that
     * finds it in the swap cache before then waits for it ({@link #waitForRead}). Returns the
     * time waited.
     */
    long finishReadPlug(long faultPfn) {
        long now = now();
        long[] done = new long[readRuns];
        for (int i = 0; i < readRuns; i++) {
            done[i] = requests.submit(readRunArea[i].device(), readRunBytes[i], now);
            readRunArea[i] = null;
        }
        for (int i = 0; i < readPages; i++) {
            readDone.put(readPfns[i], done[readPfnRun[i]]);
        }
        readRuns = 0;
        readPages = 0;
        return waitForRead(faultPfn);
    }

    /** folio_lock() of a swap-cache page: waits until its read, if one is in flight, completes. */
    long waitForRead(long pfn) {
        long done = readDone.remove(pfn, -1);
        long now = now();
        if (done <= now) {
            return 0;
        }
        meter.charge(done - now);
        return done - now;
    }

    /** The page left the swap cache (freed or migrated): its read no longer concerns anyone. */
    void forgetRead(long pfn) {
        readDone.remove(pfn, -1);
    }

    /** Every page with a read in flight is a swap-cache page. */
    void checkReads() {
        readDone.forEach((pfn, done) -> {
            if (!memMap.testFlag(pfn, io.mmspec.runtime.mm.pagealloc.PageFlags.PG_swapcache)) {
                throw new IllegalStateException("pfn " + pfn + " has a swap read in flight but is not in the swap cache");
            }
        });
    }
}
