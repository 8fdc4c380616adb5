package io.mmspec.runtime.mm.vmscan;

/**
 * One shrink_node() of the one node, cut into steps of one batch so that kswapd can spread it
 * over simulated time (direct reclaim runs the steps back to back). Mirrors mm/vmscan.c:
 * shrink_node() and shrink_lruvec():
 *
 * <pre>
 *   begin: prepare_scan_control(); get_scan_count() → nr[list], the targets
 *   step:  while nr[inactive anon] | nr[active file] | nr[inactive file]:
 *            for each evictable list with nr left: shrink_list(min(nr, 32))    ← one step each
 *            enough reclaimed (and not direct reclaim at DEF_PRIORITY)? stop the smaller type,
 *            scale the other down to the share of its target that the first reached
 *   end:   inactive anon too small? shrink_active_list(32, active anon);
 *          any progress resets kswapd_failures
 * </pre>
 *
 * kswapd sleeps in {@link ReclaimThrottle#writeback()} when it met pages marked for immediate
 * reclaim still under writeback. Not modelled: shrink_slab(), memcg iteration (one root
 * lruvec), should_continue_reclaim() (it needs compaction).
 */
final class NodeReclaim {
    private final Reclaim r;
    private final ShrinkLists lists;
    private final ScanBalance balance;
    private final ReclaimThrottle throttle;
    private final long[] nr = new long[LruList.NR_EVICTABLE];
    private final long[] targets = new long[LruList.NR_EVICTABLE];
    private ScanControl sc;
    private long reclaimedBefore;
    private long lruReclaimed;
    private boolean proportional;
    private int cursor;
    private boolean done;

    NodeReclaim(Reclaim reclaim, ShrinkLists lists, ScanBalance balance, ReclaimThrottle throttle) {
        this.r = reclaim;
        this.throttle = throttle;
        this.lists = lists;
        this.balance = balance;
    }

    /** shrink_node() to the end. */
    void shrinkNode(ScanControl control) {
        begin(control);
        while (step()) {
            // one batch per step
        }
        end();
    }

    void begin(ScanControl control) {
        sc = control;
        sc.resetNr();
        reclaimedBefore = sc.nrReclaimed;
        balance.prepare(sc);
        balance.getScanCount(sc, nr);
        System.arraycopy(nr, 0, targets, 0, nr.length);
        proportional = !sc.kswapd && sc.priority == ScanControl.DEF_PRIORITY;
        lruReclaimed = 0;
        cursor = 0;
        done = false;
    }

    /** One batch of up to SWAP_CLUSTER_MAX pages of one list; false once the loop is over. */
    boolean step() {
        while (!done) {
            if (cursor == 0 && nr[0] == 0 && nr[LruList.ACTIVE_FILE.ordinal()] == 0
                    && nr[LruList.INACTIVE_FILE.ordinal()] == 0) {
                done = true;
                break;
            }
            if (cursor == LruList.NR_EVICTABLE) {
                cursor = 0;
                done = !afterRound();
                continue;
            }
            int lru = cursor++;
            if (nr[lru] > 0) {
                long batch = Math.min(nr[lru], ScanControl.SWAP_CLUSTER_MAX);
                nr[lru] -= batch;
                lruReclaimed += lists.shrinkList(LruList.byIndex(lru), batch, sc);
                return true;
            }
        }
        return false;
    }

    /** The end of one pass over the lists: false to stop scanning. */
    private boolean afterRound() {
        if (lruReclaimed < sc.nrToReclaim || proportional) {
            return true;
        }
        long nrFile = nr[LruList.INACTIVE_FILE.ordinal()] + nr[LruList.ACTIVE_FILE.ordinal()];
        long nrAnon = nr[LruList.INACTIVE_ANON.ordinal()] + nr[LruList.ACTIVE_ANON.ordinal()];
        if (nrFile == 0 || nrAnon == 0) {
            return false;
        }
        int stop;
        long percentage;
        if (nrFile > nrAnon) {
            long target = targets[LruList.INACTIVE_ANON.ordinal()] + targets[LruList.ACTIVE_ANON.ordinal()] + 1;
            stop = LruList.INACTIVE_ANON.ordinal();
            percentage = nrAnon * 100 / target;
        } else {
            long target = targets[LruList.INACTIVE_FILE.ordinal()] + targets[LruList.ACTIVE_FILE.ordinal()] + 1;
            stop = LruList.INACTIVE_FILE.ordinal();
            percentage = nrFile * 100 / target;
        }
        nr[stop] = 0;
        nr[stop + 1] = 0;
        int other = stop == LruList.INACTIVE_FILE.ordinal() ? LruList.INACTIVE_ANON.ordinal() : LruList.INACTIVE_FILE.ordinal();
        for (int lru = other; lru <= other + 1; lru++) {
            long scanned = targets[lru] - nr[lru];
            nr[lru] = targets[lru] * (100 - percentage) / 100;
            nr[lru] -= Math.min(nr[lru], scanned);
        }
        return true;
    }

    /** The tail of shrink_lruvec() and of shrink_node(). */
    void end() {
        sc.nrReclaimed += lruReclaimed;
        if (r.canAgeAnonPages() && balance.inactiveIsLow(LruList.INACTIVE_ANON)) {
            lists.shrinkActiveList(ScanControl.SWAP_CLUSTER_MAX, LruList.ACTIVE_ANON, sc);
        }
        if (sc.kswapd && sc.nrWriteback != 0 && sc.nrWriteback == sc.nrTaken) {
            r.pgdat.writeback = true; // PGDAT_WRITEBACK
        }
        if (sc.kswapd && sc.nrImmediate != 0) {
            throttle.writeback(); // pages cycle through the LRU faster than they are written
        }
        if (sc.nrReclaimed - reclaimedBefore > 0) {
            r.pgdat.kswapdFailures = 0;
        } else if (sc.cacheTrimMode) {
            sc.cacheTrimModeFailed = true;
        }
    }
}
