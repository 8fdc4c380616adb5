package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.mm.pagealloc.ZoneView;
import io.mmspec.runtime.sim.VmEvent;

/**
 * One kswapd run, balance_pgdat() of mm/vmscan.c, as steps kswapd spreads over time:
 *
 * <pre>
 *   pageoutrun; note the watermark boosts; ZONE_RECLAIM_ACTIVE on
 *   priority 12 down to 1:
 *     balanced (some zone above high + boost, boost reclaimed)? done
 *     age the anon lists if inactive anon is low (shrink_active_list 32)
 *     kswapd_shrink_node: nr_to_reclaim = Σ max(high, 32); shrink_node()   ← one batch per step
 *     enough scanned for the target: keep the priority; else (or no progress) lower it
 *   nothing reclaimed at all: kswapd_failures++ (16 make the node hopeless)
 *   ZONE_RECLAIM_ACTIVE off; the boosts are cleared
 * </pre>
 *
 * Boosted reclaim (a watermark boost, no shortage) neither writes nor swaps, and stops at
 * priority 10; if the node turns out unbalanced it starts over as normal reclaim.
 */
final class BalancePgdat {
    private enum Phase { ITERATION, SHRINKING, AFTER_LOOP, DONE }

    private final Reclaim r;
    private final NodeReclaim node;
    private final ShrinkLists lists;
    private final ScanBalance balance;
    private ScanControl sc;
    private Phase phase = Phase.DONE;
    private int highest;
    private long nrBoostReclaim;
    private boolean boosted;
    private boolean raisePriority;
    private long reclaimedAtIteration;

    BalancePgdat(Reclaim reclaim, NodeReclaim node, ShrinkLists lists, ScanBalance balance) {
        this.r = reclaim;
        this.node = node;
        this.lists = lists;
        this.balance = balance;
    }

    void start(int order, int highestZoneidx) {
        sc = new ScanControl(true, Gfp.GFP_KERNEL);
        sc.order = order;
        highest = highestZoneidx;
        r.events.count(VmEvent.PAGEOUTRUN);
        nrBoostReclaim = 0;
        for (int z = 0; z <= highest; z++) {
            if (r.pgdat.zone(z).managedPages() != 0) {
                nrBoostReclaim += r.pgdat.zone(z).watermarkBoost();
            }
        }
        boosted = nrBoostReclaim != 0;
        restart();
    }

    private void restart() {
        setReclaimActive(true);
        sc.priority = ScanControl.DEF_PRIORITY;
        phase = Phase.ITERATION;
    }

    /** One step; false once the run is over ({@link #order()} then says where it ended). */
    boolean step() {
        switch (phase) {
            case ITERATION -> startIteration();
            case SHRINKING -> {
                if (!node.step()) {
                    node.end();
                    endIteration();
                }
            }
            case AFTER_LOOP -> afterLoop();
            case DONE -> { }
            default -> throw new IllegalStateException(phase.name());
        }
        return phase != Phase.DONE;
    }

    /** The order kswapd finished at (0 once twice the request was reclaimed). */
    int order() {
        return sc.order;
    }

    long nrReclaimed() {
        return sc.nrReclaimed;
    }

    private void startIteration() {
        reclaimedAtIteration = sc.nrReclaimed;
        sc.reclaimIdx = highest;
        boolean balanced = r.pgdat.balanced(sc.order, highest);
        if (!balanced && nrBoostReclaim != 0) {
            nrBoostReclaim = 0;
            restart();
            return;
        }
        if (nrBoostReclaim == 0 && balanced) {
            finish();
            return;
        }
        raisePriority = !(nrBoostReclaim != 0 && sc.priority == ScanControl.DEF_PRIORITY - 2);
        sc.mayWritepage = nrBoostReclaim == 0;
        sc.maySwap = nrBoostReclaim == 0;
        if (r.canAgeAnonPages() && balance.inactiveIsLow(LruList.INACTIVE_ANON)) {
            lists.shrinkActiveList(ScanControl.SWAP_CLUSTER_MAX, LruList.ACTIVE_ANON, sc); // kswapd_age_node()
        }
        sc.nrScanned = 0;
        sc.nrToReclaim = 0;
        for (int z = 0; z <= sc.reclaimIdx; z++) {
            ZoneView zone = r.pgdat.zone(z);
            if (zone.managedPages() != 0) {
                sc.nrToReclaim += Math.max(zone.highWatermark(), ScanControl.SWAP_CLUSTER_MAX);
            }
        }
        node.begin(sc);
        phase = Phase.SHRINKING;
    }

    private void endIteration() {
        if (sc.order != 0 && sc.nrReclaimed >= (2L << sc.order)) {
            sc.order = 0; // compact_gap(): leave the rest to compaction
        }
        if (sc.nrScanned >= sc.nrToReclaim) {
            raisePriority = false;
        }
        long reclaimed = sc.nrReclaimed - reclaimedAtIteration;
        nrBoostReclaim -= Math.min(nrBoostReclaim, reclaimed);
        if (nrBoostReclaim != 0 && reclaimed == 0) {
            phase = Phase.AFTER_LOOP;
            return;
        }
        if (raisePriority || reclaimed == 0) {
            sc.priority--;
        }
        phase = sc.priority >= 1 ? Phase.ITERATION : Phase.AFTER_LOOP;
    }

    private void afterLoop() {
        if (sc.nrReclaimed == 0 && sc.priority < 1 && !sc.noCacheTrimMode && sc.cacheTrimModeFailed) {
            sc.noCacheTrimMode = true;
            restart();
            return;
        }
        if (sc.nrReclaimed == 0 && !boosted) {
            r.pgdat.kswapdFailures++;
        }
        finish();
    }

    /** The out: label. */
    private void finish() {
        setReclaimActive(false);
        if (boosted) {
            for (int z = 0; z <= highest; z++) {
                if (r.pgdat.zone(z).watermarkBoost() != 0) {
                    r.allocator.clearWatermarkBoost(ZoneType.values()[z]);
                }
            }
        }
        balance.snapshotRefaults();
        phase = Phase.DONE;
    }

    /** set_reclaim_active() / clear_reclaim_active(): the per-CPU lists shrink while kswapd works. */
    private void setReclaimActive(boolean active) {
        for (int z = 0; z <= highest; z++) {
            if (r.pgdat.zone(z).managedPages() != 0) {
                r.allocator.setZoneReclaimActive(ZoneType.values()[z], active);
            }
        }
    }
}
