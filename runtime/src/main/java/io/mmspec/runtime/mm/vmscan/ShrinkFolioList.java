package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageFlags;

/**
 * Deciding, folio by folio, what to do with what was taken off an inactive list. Mirrors
 * mm/vmscan.c: shrink_folio_list() with pageout() and __remove_mapping():
 *
 * <pre>
 *   mlocked ............................................ activate (ends unevictable)
 *   under writeback .................................... PG_reclaim, activate
 *   references: ACTIVATE / KEEP ........................ activate / back to the list head
 *   anonymous, not in swap: folio_alloc_swap() ......... no slot: activate
 *   mapped: try_to_unmap() ............................. still mapped: activate
 *   dirty file ......................................... PG_reclaim, activate (the flusher writes it)
 *   dirty anon: RECLAIM_CLEAN or !may_writepage ........ keep;  else pageout: PG_reclaim, write
 *               queued (plugged) ....................... keep (freed once written); zero page: free
 *   __remove_mapping(): out of the swap or page cache .. freed (nr_reclaimed)
 *   activate_locked: swap half full or mlocked ......... the page gives its slot back first
 * </pre>
 *
 * Each folio isolated from an LRU carries one reference of the reclaimer (folio_try_get() in
 * isolate_lru_folios()), so a swap-cache page may go when its refcount is 2 (that and the
 * cache's). Large folios (THP) are kept as they are: splitting them or swapping them out whole
 * is not modelled.
 */
final class ShrinkFolioList {
    private enum Outcome { FREE, ACTIVATE, KEEP }

    private final Reclaim r;
    private final FolioReferences references;
    private final TryToUnmap unmap;

    ShrinkFolioList(Reclaim reclaim, FolioReferences references) {
        this.r = reclaim;
        this.references = references;
        this.unmap = new TryToUnmap(reclaim);
    }

    /**
     * shrink_folio_list(): works through {@code folios} (isolated, oldest at the tail); those not
     * freed are left on it for move_folios_to_lru(). Returns the pages reclaimed.
     */
    long shrink(FolioList folios, ScanControl sc, ReclaimStat stat) {
        stat.reset();
        FolioList kept = new FolioList(r.lruvec.links);
        long nrReclaimed = 0;
        r.swap.startPlug(); // the batch's swap writes go out as one merged request
        try {
            for (long pfn = folios.pollTail(); pfn != LruLinks.NONE; pfn = folios.pollTail()) {
                long nr = r.lruvec.nrPages(pfn);
                Outcome outcome = shrinkOne(pfn, nr, sc, stat);
                if (outcome == Outcome.FREE) {
                    r.allocator.freePages(pfn, 0, r.current.cpu()); // the reclaimer's reference was the last
                    nrReclaimed += nr;
                    continue;
                }
                if (outcome == Outcome.ACTIVATE) {
                    activateLocked(pfn, nr, stat);
                }
                kept.addHead(pfn);
            }
        } finally {
            r.swap.finishPlug();
        }
        folios.spliceAtHead(kept);
        r.events.count(io.mmspec.runtime.sim.VmEvent.PGACTIVATE, stat.nrActivate[0] + stat.nrActivate[1]);
        return nrReclaimed;
    }

    private Outcome shrinkOne(long pfn, long nr, ScanControl sc, ReclaimStat stat) {
        sc.nrScanned += nr;
        if (!r.lruvec.isEvictable(pfn)) {
            return Outcome.ACTIVATE;
        }
        boolean file = !r.memMap.testFlag(pfn, PageFlags.PG_swapbacked);
        noteDirtyWriteback(pfn, nr, file, stat);
        if (r.memMap.testFlag(pfn, PageFlags.PG_writeback)) {
            return underWriteback(pfn, nr, sc, stat);
        }
        FolioReferences.Reference ref = references.check(pfn);
        if (ref == FolioReferences.Reference.ACTIVATE || nr > 1) {
            return Outcome.ACTIVATE;
        }
        if (ref == FolioReferences.Reference.KEEP) {
            stat.nrRefKeep += nr;
            return Outcome.KEEP;
        }
        if (r.memMap.isAnon(pfn) && !file && !r.swap.cache().isSwapCache(pfn)) {
            if (!sc.gfp.has(Gfp.__GFP_IO)) {
                return Outcome.KEEP;
            }
            if (!r.swap.folioAllocSwap(pfn)) {
                return Outcome.ACTIVATE;
            }
        }
        if (r.memMap.mapcount(pfn) > 0 && !unmap.tryToUnmap(pfn)) {
            stat.nrUnmapFail += nr;
            return Outcome.ACTIVATE;
        }
        if (r.memMap.testFlag(pfn, PageFlags.PG_dirty)) {
            Outcome dirty = pageout(pfn, nr, file, ref, sc, stat);
            if (dirty != null) {
                return dirty;
            }
        }
        return removeMapping(pfn, file) ? Outcome.FREE : Outcome.KEEP;
    }

    /** The dirty / writeback accounting of file folios (folio_check_dirty_writeback()). */
    private void noteDirtyWriteback(long pfn, long nr, boolean file, ReclaimStat stat) {
        if (!file) {
            return;
        }
        boolean dirty = r.memMap.testFlag(pfn, PageFlags.PG_dirty);
        boolean writeback = r.memMap.testFlag(pfn, PageFlags.PG_writeback);
        if (dirty || writeback) {
            stat.nrDirty += nr;
        }
        if (dirty && !writeback) {
            stat.nrUnqueuedDirty += nr;
        }
        if (writeback && r.memMap.testFlag(pfn, PageFlags.PG_reclaim)) {
            stat.nrCongested += nr;
        }
    }

    /** A folio under writeback: cases 1 and 2 of shrink_folio_list() (memcg v1 waiting is not modelled). */
    private Outcome underWriteback(long pfn, long nr, ScanControl sc, ReclaimStat stat) {
        if (sc.kswapd && r.memMap.testFlag(pfn, PageFlags.PG_reclaim) && r.pgdat.writeback) {
            stat.nrImmediate += nr;
            return Outcome.ACTIVATE;
        }
        r.memMap.setFlag(pfn, PageFlags.PG_reclaim);
        stat.nrWriteback += nr;
        return Outcome.ACTIVATE;
    }

    /** The dirty branch: null means the folio is clean now and may be freed. */
    private Outcome pageout(long pfn, long nr, boolean file, FolioReferences.Reference ref, ScanControl sc,
                            ReclaimStat stat) {
        if (file) {
            r.memMap.setFlag(pfn, PageFlags.PG_reclaim); // reclaim it as soon as it is written back
            return Outcome.ACTIVATE;
        }
        if (ref == FolioReferences.Reference.RECLAIM_CLEAN || !mayEnterFs(pfn, sc.gfp) || !sc.mayWritepage) {
            return Outcome.KEEP;
        }
        r.memMap.setFlag(pfn, PageFlags.PG_reclaim); // rotate it to the tail when the write completes
        r.swap.writeout(pfn);
        stat.nrPageout += nr;
        if (r.memMap.testFlag(pfn, PageFlags.PG_writeback)) {
            return Outcome.KEEP; // PAGE_SUCCESS, write in flight: freed on a later pass
        }
        r.memMap.clearFlag(pfn, PageFlags.PG_reclaim);
        return null; // a zero page went nowhere: clean, try to free it
    }

    /** may_enter_fs(): __GFP_FS, or __GFP_IO for a swap-cache folio. */
    private boolean mayEnterFs(long pfn, Gfp gfp) {
        return gfp.has(Gfp.__GFP_FS) || r.swap.cache().isSwapCache(pfn) && gfp.has(Gfp.__GFP_IO);
    }

    /** __remove_mapping(): out of the swap cache or the page cache, if nobody else holds it. */
    private boolean removeMapping(long pfn, boolean file) {
        if (r.swap.cache().isSwapCache(pfn)) {
            if (r.memMap.refcount(pfn) != 2 || r.memMap.testFlag(pfn, PageFlags.PG_dirty)) {
                return false;
            }
            r.swap.cache().deleteFromSwapCache(pfn);
            return true;
        }
        return file && r.files.removeMapping(pfn);
    }

    /** activate_locked: gives a slot back if swap is tight, then PG_active unless mlocked. */
    private void activateLocked(long pfn, long nr, ReclaimStat stat) {
        boolean mlocked = r.memMap.testFlag(pfn, PageFlags.PG_mlocked);
        if (r.swap.cache().isSwapCache(pfn) && (r.swap.vmSwapFull() || mlocked)) {
            r.swap.cache().folioFreeSwap(pfn);
        }
        if (!mlocked) {
            r.memMap.setFlag(pfn, PageFlags.PG_active);
            stat.nrActivate[r.memMap.testFlag(pfn, PageFlags.PG_swapbacked) ? 0 : 1] += nr;
        }
    }
}
