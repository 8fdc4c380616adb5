package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.sim.VmEvent;

/**
 * How hard to scan each list. Mirrors mm/vmscan.c: prepare_scan_control(), inactive_is_low(),
 * get_scan_count() and calculate_pressure_balance():
 *
 * <pre>
 *   SCAN_FILE   no free swap; or cache_trim_mode (inactive file &gt;&gt; priority, and the file
 *               lists need no aging)
 *   SCAN_EQUAL  priority 0 and swappiness != 0: every list by its size
 *   SCAN_ANON   file_is_tiny: file + free &lt;= Σ high watermarks
 *   SCAN_FRACT  T = anon_cost + file_cost; a = T + anon_cost; f = T + file_cost;
 *               ap = swappiness·(a+f+1)/(a+1); fp = (200-swappiness)·(a+f+1)/(f+1)
 *               scan(list) = (size &gt;&gt; priority) · (ap or fp) / (ap + fp)
 * </pre>
 */
final class ScanBalance {
    /** MAX_SWAPPINESS. */
    static final int MAX_SWAPPINESS = 200;

    enum Mode { EQUAL, FRACT, ANON, FILE }

    private final Reclaim r;
    private Mode lastMode;

    ScanBalance(Reclaim reclaim) {
        this.r = reclaim;
    }

    /**
     * inactive_is_low(): the inactive list should hold 1/ratio of the type, ratio = int_sqrt(10·GB)
     * of its pages (1 below 1 GB): 1 GB → 3, 10 GB → 10, 100 GB → 31.
     */
    boolean inactiveIsLow(LruList inactiveLru) {
        long inactive = r.lruvec.size(inactiveLru);
        long active = r.lruvec.size(LruList.byIndex(inactiveLru.ordinal() + 1));
        long gb = (inactive + active) >>> 18;
        long ratio = gb != 0 ? intSqrt(10 * gb) : 1;
        return inactive * ratio < active;
    }

    /** prepare_scan_control(): costs, which types may be deactivated, cache trim, file_is_tiny. */
    void prepare(ScanControl sc) {
        sc.anonCost = r.lruvec.anonCost;
        sc.fileCost = r.lruvec.fileCost;
        if (!sc.forceDeactivate) {
            sc.mayDeactivate = 0;
            if (r.events.get(VmEvent.WORKINGSET_ACTIVATE_ANON) != r.lruvec.refaults[0]
                    || inactiveIsLow(LruList.INACTIVE_ANON)) {
                sc.mayDeactivate |= ScanControl.DEACTIVATE_ANON;
            }
            if (r.events.get(VmEvent.WORKINGSET_ACTIVATE_FILE) != r.lruvec.refaults[1]
                    || inactiveIsLow(LruList.INACTIVE_FILE)) {
                sc.mayDeactivate |= ScanControl.DEACTIVATE_FILE;
            }
        } else {
            sc.mayDeactivate = ScanControl.DEACTIVATE_ANON | ScanControl.DEACTIVATE_FILE;
        }
        long inactiveFile = r.lruvec.size(LruList.INACTIVE_FILE);
        sc.cacheTrimMode = (inactiveFile >>> sc.priority) != 0
                && (sc.mayDeactivate & ScanControl.DEACTIVATE_FILE) == 0 && !sc.noCacheTrimMode;
        long file = r.lruvec.size(LruList.ACTIVE_FILE) + inactiveFile;
        long anon = r.lruvec.size(LruList.INACTIVE_ANON);
        sc.fileIsTiny = file + r.pgdat.freePages() <= r.pgdat.totalHighWmark(io.mmspec.runtime.mm.pagealloc.ZoneType.MAX_NR_ZONES - 1)
                && (sc.mayDeactivate & ScanControl.DEACTIVATE_ANON) == 0
                && (anon >>> sc.priority) != 0;
    }

    /** snapshot_refaults(): the workingset activations reclaim has now seen. */
    void snapshotRefaults() {
        r.lruvec.refaults[0] = r.events.get(VmEvent.WORKINGSET_ACTIVATE_ANON);
        r.lruvec.refaults[1] = r.events.get(VmEvent.WORKINGSET_ACTIVATE_FILE);
    }

    /** get_scan_count(): pages to scan of each evictable list, indexed by {@link LruList} ordinal. */
    void getScanCount(ScanControl sc, long[] nr) {
        Mode mode = mode(sc);
        long[] fraction = new long[2];
        long denominator = 0;
        if (mode == Mode.FRACT) {
            long total = sc.anonCost + sc.fileCost;
            long anonCost = total + sc.anonCost;
            long fileCost = total + sc.fileCost;
            total = anonCost + fileCost;
            fraction[0] = r.swappiness * (total + 1) / (anonCost + 1);
            fraction[1] = (MAX_SWAPPINESS - r.swappiness) * (total + 1) / (fileCost + 1);
            denominator = fraction[0] + fraction[1];
        }
        for (int i = 0; i < LruList.NR_EVICTABLE; i++) {
            LruList lru = LruList.byIndex(i);
            long scan = r.lruvec.lruSize(lru, sc.reclaimIdx) >>> sc.priority;
            int type = lru.isFile() ? 1 : 0;
            switch (mode) {
                case EQUAL -> { }
                case FRACT -> scan = scan * fraction[type] / denominator;
                case FILE -> scan = lru.isFile() ? scan : 0;
                case ANON -> scan = lru.isFile() ? 0 : scan;
                default -> throw new IllegalStateException(mode.name());
            }
            nr[i] = scan;
        }
        lastMode = mode;
    }

    private Mode mode(ScanControl sc) {
        if (!sc.maySwap || !r.canReclaimAnonPages()) {
            return Mode.FILE;
        }
        if (sc.priority == 0 && r.swappiness != 0) {
            return Mode.EQUAL;
        }
        if (sc.fileIsTiny) {
            return Mode.ANON;
        }
        if (sc.cacheTrimMode) {
            return Mode.FILE;
        }
        return Mode.FRACT;
    }

    /** The scan balance get_scan_count() chose last (for tests and traces). */
    Mode lastMode() {
        return lastMode;
    }

    /** int_sqrt(): the integer square root, rounded down. */
    static long intSqrt(long x) {
        long root = (long) Math.sqrt((double) x);
        while (root * root > x) {
            root--;
        }
        while ((root + 1) * (root + 1) <= x) {
            root++;
        }
        return root;
    }
}
