package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.sim.EventKind;

/**
 * Reclaim sleeping until writeback makes progress. Mirrors mm/vmscan.c: reclaim_throttle(),
 * consider_reclaim_throttle() and skip_throttle_noprogress(), with HZ 250:
 *
 * <pre>
 *   kswapd met PG_reclaim pages still under writeback (nr_immediate)
 *        → VMSCAN_THROTTLE_WRITEBACK: sleep up to HZ/10 = 100 ms, woken once
 *          SWAP_CLUSTER_MAX pages finished writeback (__acct_reclaim_writeback())
 *   direct reclaim reclaimed nothing by priority 1
 *        → VMSCAN_THROTTLE_NOPROGRESS: sleep 1 jiffy = 4 ms, unless kswapd has given up
 *          or write-pending pages are at most half the reclaimable ones
 * </pre>
 *
 * Each sleep is a {@code vmscan_throttled} trace event (the kernel's mm_vmscan_throttled). The
 * sleep is charged to the reclaimer's time, so the writes in flight can complete; the
 * wake-up by writeback progress counts the swap writes only (the page cache's writes end as
 * their own events). VMSCAN_THROTTLE_CONGESTED and _ISOLATED are not modelled: there is one
 * reclaimer at a time and no per-lruvec congestion bit.
 */
final class ReclaimThrottle {
    static final long JIFFY_NS = 4_000_000L;
    static final long WRITEBACK_TIMEOUT_NS = 25 * JIFFY_NS;

    private final Reclaim r;
    private final Vmscan vmscan;
    private long throttled;

    ReclaimThrottle(Reclaim reclaim, Vmscan vmscan) {
        this.r = reclaim;
        this.vmscan = vmscan;
    }

    /** reclaim_throttle(VMSCAN_THROTTLE_WRITEBACK), as kswapd calls it after shrink_node(). */
    void writeback() {
        long now = r.swap.now();
        long woken = r.swap.writebackCompletionOf(ScanControl.SWAP_CLUSTER_MAX);
        long until = woken < 0 ? now + WRITEBACK_TIMEOUT_NS : Math.min(now + WRITEBACK_TIMEOUT_NS, woken);
        sleep(until - now, WRITEBACK_TIMEOUT_NS, "VMSCAN_THROTTLE_WRITEBACK");
    }

    /** consider_reclaim_throttle() at the end of shrink_zones() in direct reclaim. */
    void considerNoProgress(ScanControl sc) {
        if (sc.kswapd || sc.nrReclaimed > sc.nrScanned >> 3) {
            return;
        }
        if (sc.priority == 1 && sc.nrReclaimed == 0 && !skipNoProgress()) {
            sleep(JIFFY_NS, JIFFY_NS, "VMSCAN_THROTTLE_NOPROGRESS");
        }
    }

    /** skip_throttle_noprogress(). */
    private boolean skipNoProgress() {
        if (r.pgdat.kswapdFailures >= Pgdat.MAX_RECLAIM_RETRIES) {
            return true;
        }
        long reclaimable = 0;
        for (ZoneType zone : ZoneType.values()) {
            reclaimable += vmscan.zoneReclaimablePages(zone);
        }
        long writePending = r.files.nrWritePending() + r.swap.nrWriteback();
        return 2 * writePending <= reclaimable;
    }

    /** schedule_timeout() of up to {@code timeout}, woken after {@code ns}; trace mm_vmscan_throttled. */
    private void sleep(long ns, long timeout, String reason) {
        if (ns <= 0) {
            return;
        }
        r.meter.charge(ns);
        throttled++;
        r.trace.event(EventKind.VMSCAN_THROTTLED, r.current.cpu(), r.current.pid())
                .with("usec_timeout", timeout / 1000).with("usec_delayed", ns / 1000).with("reason", reason).emit();
    }

    /** How many times reclaim slept here. */
    long throttled() {
        return throttled;
    }
}
