package io.mmspec.runtime.mm.vmscan;

/** struct reclaim_stat: what one shrink_folio_list() call did with its folios. */
final class ReclaimStat {
    long nrDirty;
    long nrUnqueuedDirty;
    long nrCongested;
    long nrWriteback;
    long nrImmediate;
    long nrPageout;
    /** nr_activate[0] anon, [1] file. */
    final long[] nrActivate = new long[2];
    long nrRefKeep;
    long nrUnmapFail;

    void reset() {
        nrDirty = 0;
        nrUnqueuedDirty = 0;
        nrCongested = 0;
        nrWriteback = 0;
        nrImmediate = 0;
        nrPageout = 0;
        nrActivate[0] = 0;
        nrActivate[1] = 0;
        nrRefKeep = 0;
        nrUnmapFail = 0;
    }
}
