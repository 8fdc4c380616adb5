package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Swap writes in flight and their completion. Mirrors mm/page_io.c: __swap_writepage() with
 * folio_start_writeback() (PG_writeback, NR_WRITEBACK) and end_swap_bio_write() with
 * folio_end_writeback() (PG_writeback cleared, NR_WRITTEN; a page reclaim marked PG_reclaim
 * rotates to the tail of the inactive list and is freed on a later pass).
 *
 * <pre>
 *   pageout()    PG_writeback, PG_reclaim     request queued on the device
 *   ... device busy: the page stays in the swap cache and on the LRU (reclaim keeps it) ...
 *   completion   PG_writeback cleared         PG_reclaim: rotated to the inactive tail
 * </pre>
 *
 * A request completes either at its event on the machine's queue or earlier, when a reclaimer
 * whose own time has already passed its completion looks ({@link #endCompleted(long)}): a task
 * in direct reclaim runs ahead of the clock until its step ends, and must see the I/O that
 * finished meanwhile. Ending a request twice does nothing.
 */
final class SwapWriteback {
    /** One write request: the pages it carries and when the device completes it. */
    private record Request(long done, long[] pfns) { }

    private final MemMap memMap;
    private final VmEventCounters events;
    private final ArrayDeque<Request> inFlight = new ArrayDeque<>();
    private SwapLru lru = SwapLru.NONE;
    private long nrWriteback;

    SwapWriteback(MemMap memMap, VmEventCounters events) {
        this.memMap = memMap;
        this.events = events;
    }

    void setLru(SwapLru lru) {
        this.lru = lru;
    }

    /** folio_start_writeback() of a page whose bytes go out in a request still to be queued. */
    void start(long pfn) {
        if (memMap.testAndSetFlag(pfn, PageFlags.PG_writeback)) {
            throw new IllegalStateException("pfn " + pfn + " is already under writeback");
        }
        nrWriteback++;
    }

    /** The request carrying {@code pfns} completes at {@code done}. */
    void queued(long[] pfns, long done) {
        inFlight.addLast(new Request(done, pfns));
    }

    /** end_swap_bio_write() of every request complete at {@code now}. Returns the pages ended. */
    long endCompleted(long now) {
        long ended = 0;
        for (Iterator<Request> it = inFlight.iterator(); it.hasNext(); ) {
            Request request = it.next();
            if (request.done() <= now) {
                it.remove();
                for (long pfn : request.pfns()) {
                    end(pfn);
                }
                ended += request.pfns().length;
            }
        }
        return ended;
    }

    private void end(long pfn) {
        memMap.clearFlag(pfn, PageFlags.PG_writeback);
        nrWriteback--;
        events.count(VmEvent.NR_WRITTEN);
        if (memMap.testFlag(pfn, PageFlags.PG_reclaim)) {
            lru.folioEndWriteback(pfn);
            memMap.clearFlag(pfn, PageFlags.PG_reclaim);
        }
    }

    /**
     * When at least {@code pages} of the pages in flight will have been written, or the last
     * completion if fewer are in flight; -1 when nothing is. (reclaim_throttle() waits for
     * writeback progress of this kind.)
     */
    long completionOf(long pages) {
        long[] dones = new long[inFlight.size()];
        long[] sizes = new long[dones.length];
        int i = 0;
        for (Request request : inFlight) {
            dones[i] = request.done();
            sizes[i++] = request.pfns().length;
        }
        sortTogether(dones, sizes);
        long seen = 0;
        for (int k = 0; k < dones.length; k++) {
            seen += sizes[k];
            if (seen >= pages) {
                return dones[k];
            }
        }
        return dones.length == 0 ? -1 : dones[dones.length - 1];
    }

    private static void sortTogether(long[] keys, long[] values) {
        for (int i = 1; i < keys.length; i++) { // few requests are in flight: insertion sort
            long key = keys[i];
            long value = values[i];
            int j = i - 1;
            while (j >= 0 && keys[j] > key) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = key;
            values[j + 1] = value;
        }
    }

    /** NR_WRITEBACK of swap pages. */
    long nrWriteback() {
        return nrWriteback;
    }

    /** Every page in flight is under writeback, once, and the count agrees. */
    void check() {
        long counted = 0;
        for (Request request : inFlight) {
            for (long pfn : request.pfns()) {
                if (!memMap.testFlag(pfn, PageFlags.PG_writeback)) {
                    throw new IllegalStateException("pfn " + pfn + " is in a swap write in flight without PG_writeback");
                }
                counted++;
            }
        }
        if (counted != nrWriteback) {
            throw new IllegalStateException("swap writeback: " + nrWriteback + " pages counted, " + counted + " in flight");
        }
    }
}
