package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.EventKind;

/**
 * Reclaim in the allocating task. Mirrors mm/vmscan.c: try_to_free_pages() and
 * do_try_to_free_pages():
 *
 * <pre>
 *   scan_control: nr_to_reclaim 32, reclaim_idx = gfp_zone(gfp), may write and swap
 *   priority 12, 11, ... 0: shrink_node() until 32 pages are reclaimed
 *   nothing reclaimed: once more with a full walk, then once more forcing deactivation
 * </pre>
 *
 * The work (scanning, unmapping, swap writes) is charged to the task through the cost meter,
 * so the allocation that needed it takes that much longer. The allocator counts allocstall_*;
 * this emits one direct_reclaim trace event. A pass that reclaimed nothing by priority 1 sleeps
 * a jiffy ({@link ReclaimThrottle#considerNoProgress}). Not modelled: throttle_direct_reclaim()
 * (the pfmemalloc wait) and stopping early for compaction.
 */
final class DirectReclaim {
    private final Reclaim r;
    private final NodeReclaim node;
    private final ScanBalance balance;
    private final ReclaimThrottle throttle;

    DirectReclaim(Reclaim reclaim, NodeReclaim node, ScanBalance balance, ReclaimThrottle throttle) {
        this.r = reclaim;
        this.throttle = throttle;
        this.node = node;
        this.balance = balance;
    }

    /** try_to_free_pages(): the pages reclaimed, 0 if none could be. */
    long tryToFreePages(int order, Gfp gfp) {
        ScanControl sc = new ScanControl(false, gfp);
        sc.nrToReclaim = ScanControl.SWAP_CLUSTER_MAX;
        sc.reclaimIdx = gfp.zone().ordinal();
        sc.order = order;
        sc.priority = ScanControl.DEF_PRIORITY;
        sc.mayWritepage = true;
        sc.maySwap = true;
        long reclaimed = doTryToFreePages(sc);
        r.trace.event(EventKind.DIRECT_RECLAIM, r.current.cpu(), r.current.pid())
                .with("order", order).with("gfp", gfp.describe())
                .with("priority", Math.max(sc.priority, 0)).with("nr_reclaimed", reclaimed).emit();
        return reclaimed;
    }

    private long doTryToFreePages(ScanControl sc) {
        int initialPriority = sc.priority;
        while (true) {
            do {
                sc.nrScanned = 0;
                shrinkZones(sc);
                if (sc.nrReclaimed >= sc.nrToReclaim) {
                    break;
                }
            } while (--sc.priority >= 0);
            balance.snapshotRefaults();
            if (sc.nrReclaimed > 0) {
                return sc.nrReclaimed;
            }
            if (!sc.memcgFullWalk) {
                sc.priority = initialPriority;
                sc.memcgFullWalk = true;
            } else if (sc.skippedDeactivate) {
                sc.priority = initialPriority;
                sc.forceDeactivate = true;
                sc.skippedDeactivate = false;
            } else {
                return 0;
            }
        }
    }

    /** shrink_zones(): the one node, once, if a populated zone is eligible. */
    private void shrinkZones(ScanControl sc) {
        for (int z = sc.reclaimIdx; z >= 0; z--) {
            if (r.pgdat.zone(z).isPopulated()) {
                node.shrinkNode(sc);
                throttle.considerNoProgress(sc);
                return;
            }
        }
    }
}
