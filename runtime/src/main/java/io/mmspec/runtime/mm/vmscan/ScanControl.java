package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.pagealloc.Gfp;

/**
 * struct scan_control (mm/vmscan.c): what one reclaim run may do and what it has done so far.
 * kswapd and direct reclaim each fill one in; the helpers read and update it.
 */
final class ScanControl {
    /** SWAP_CLUSTER_MAX: the batch size of every LRU scan. */
    static final int SWAP_CLUSTER_MAX = 32;
    /** DEF_PRIORITY: scan size >> 12 of each list first. */
    static final int DEF_PRIORITY = 12;
    static final int DEACTIVATE_ANON = 1;
    static final int DEACTIVATE_FILE = 2;

    final boolean kswapd;
    final Gfp gfp;
    long nrToReclaim;
    int reclaimIdx;
    int order;
    int priority = DEF_PRIORITY;
    boolean mayWritepage;
    boolean maySwap;
    int mayDeactivate;
    boolean forceDeactivate;
    boolean skippedDeactivate;
    boolean cacheTrimMode;
    boolean cacheTrimModeFailed;
    boolean noCacheTrimMode;
    boolean fileIsTiny;
    boolean memcgFullWalk;
    long anonCost;
    long fileCost;
    long nrScanned;
    long nrReclaimed;

    /** sc->nr: what shrink_inactive_list() saw in this shrink_node() pass. */
    long nrDirty;
    long nrUnqueuedDirty;
    long nrCongested;
    long nrWriteback;
    long nrImmediate;
    long nrTaken;
    long nrFileTaken;

    ScanControl(boolean kswapd, Gfp gfp) {
        this.kswapd = kswapd;
        this.gfp = gfp;
    }

    void resetNr() {
        nrDirty = 0;
        nrUnqueuedDirty = 0;
        nrCongested = 0;
        nrWriteback = 0;
        nrImmediate = 0;
        nrTaken = 0;
        nrFileTaken = 0;
    }
}
