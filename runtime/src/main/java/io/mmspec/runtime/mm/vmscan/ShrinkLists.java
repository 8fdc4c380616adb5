package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.sim.VmEvent;

/**
 * Scanning one LRU list a batch at a time. Mirrors mm/vmscan.c: isolate_lru_folios(),
 * shrink_inactive_list(), shrink_active_list(), move_folios_to_lru() and folio_putback_lru():
 *
 * <pre>
 *   inactive: take up to nr from the tail ─▶ shrink_folio_list ─▶ the rest back to the head
 *             pgscan_{kswapd,direct}, pgscan_{anon,file}, pgsteal_*, lru_note_cost()
 *   active:   take up to nr from the tail; referenced executable file folios stay active,
 *             every other folio goes inactive (PG_workingset)   pgrefill, pgdeactivate
 * </pre>
 *
 * Folios of zones above the reclaim's highest zone are skipped (pgskip_*), back to the head.
 */
final class ShrinkLists {
    /** SWAP_CLUSTER_MAX_SKIPPED = SWAP_CLUSTER_MAX &lt;&lt; 10. */
    private static final int SWAP_CLUSTER_MAX_SKIPPED = ScanControl.SWAP_CLUSTER_MAX << 10;
    private static final VmEvent[] PGSKIP = {VmEvent.PGSKIP_DMA, VmEvent.PGSKIP_DMA32, VmEvent.PGSKIP_NORMAL,
        VmEvent.PGSKIP_MOVABLE};

    private final Reclaim r;
    private final Lruvec lruvec;
    private final FolioReferences references;
    private final ShrinkFolioList shrinkFolioList;
    private final ReclaimStat stat = new ReclaimStat();
    private long lastScanned;

    ShrinkLists(Reclaim reclaim) {
        this.r = reclaim;
        this.lruvec = reclaim.lruvec;
        this.references = new FolioReferences(reclaim);
        this.shrinkFolioList = new ShrinkFolioList(reclaim, references);
    }

    /** shrink_list(): an active list only if the scan may deactivate that type. */
    long shrinkList(LruList lru, long nrToScan, ScanControl sc) {
        if (lru.isActive()) {
            if ((sc.mayDeactivate & (lru.isFile() ? ScanControl.DEACTIVATE_FILE : ScanControl.DEACTIVATE_ANON)) != 0) {
                shrinkActiveList(nrToScan, lru, sc);
            } else {
                sc.skippedDeactivate = true;
            }
            return 0;
        }
        return shrinkInactiveList(nrToScan, lru, sc);
    }

    /** isolate_lru_folios(): up to {@code nrToScan} eligible pages from the tail onto {@code dst}. */
    long isolate(long nrToScan, LruList lru, FolioList dst, ScanControl sc) {
        FolioList src = lruvec.list(lru);
        FolioList skipped = new FolioList(lruvec.links);
        long[] nrSkipped = new long[ZoneType.MAX_NR_ZONES];
        long taken = 0;
        long totalScan = 0;
        long scan = 0;
        int maxNrSkipped = 0;
        while (scan < nrToScan && !src.isEmpty()) {
            long pfn = src.tail();
            long nr = lruvec.nrPages(pfn);
            int zone = r.allocator.zoneOf(pfn).ordinal();
            totalScan += nr;
            lruvec.del(pfn);
            if (maxNrSkipped < SWAP_CLUSTER_MAX_SKIPPED && zone > sc.reclaimIdx) {
                skipped.addHead(pfn);
                nrSkipped[zone] += nr;
                maxNrSkipped++;
                continue;
            }
            scan += nr;
            r.meter.charge(r.costs.memoryAccessNs());
            r.memMap.clearFlag(pfn, PageFlags.PG_lru);
            r.memMap.incRefcount(pfn); // folio_try_get(): the reclaimer's reference
            dst.addHead(pfn);
            taken += nr;
        }
        for (long pfn = skipped.pollTail(); pfn != LruLinks.NONE; pfn = skipped.pollTail()) {
            lruvec.add(pfn, false); // list_splice() of the skipped folios onto the head
        }
        for (int z = 0; z < nrSkipped.length; z++) {
            r.events.count(PGSKIP[z], nrSkipped[z]);
        }
        lastScanned = totalScan;
        return taken;
    }

    /** shrink_inactive_list(): returns the pages reclaimed. */
    long shrinkInactiveList(long nrToScan, LruList lru, ScanControl sc) {
        // what the disk finished while this reclaimer ran: those pages rotate to the tail first
        r.swap.endCompletedWriteback(r.swap.now());
        FolioList folios = new FolioList(lruvec.links);
        long nrTaken = isolate(nrToScan, lru, folios, sc);
        long nrScanned = lastScanned;
        boolean file = lru.isFile();
        r.events.count(sc.kswapd ? VmEvent.PGSCAN_KSWAPD : VmEvent.PGSCAN_DIRECT, nrScanned);
        r.events.count(file ? VmEvent.PGSCAN_FILE : VmEvent.PGSCAN_ANON, nrScanned);
        if (nrTaken == 0) {
            return 0;
        }
        long nrReclaimed = shrinkFolioList.shrink(folios, sc, stat);
        moveFoliosToLru(folios);
        r.events.count(sc.kswapd ? VmEvent.PGSTEAL_KSWAPD : VmEvent.PGSTEAL_DIRECT, nrReclaimed);
        r.events.count(file ? VmEvent.PGSTEAL_FILE : VmEvent.PGSTEAL_ANON, nrReclaimed);
        lruvec.lruNoteCost(file, stat.nrPageout, nrScanned - nrReclaimed);
        if (stat.nrUnqueuedDirty == nrTaken) {
            r.files.wakeupFlusherThreads();
        }
        sc.nrDirty += stat.nrDirty;
        sc.nrCongested += stat.nrCongested;
        sc.nrUnqueuedDirty += stat.nrUnqueuedDirty;
        sc.nrWriteback += stat.nrWriteback;
        sc.nrImmediate += stat.nrImmediate;
        sc.nrTaken += nrTaken;
        if (file) {
            sc.nrFileTaken += nrTaken;
        }
        return nrReclaimed;
    }

    /** shrink_active_list(). */
    void shrinkActiveList(long nrToScan, LruList lru, ScanControl sc) {
        FolioList hold = new FolioList(lruvec.links);
        isolate(nrToScan, lru, hold, sc);
        r.events.count(VmEvent.PGREFILL, lastScanned);
        FolioList active = new FolioList(lruvec.links);
        FolioList inactive = new FolioList(lruvec.links);
        long nrRotated = 0;
        for (long pfn = hold.pollTail(); pfn != LruLinks.NONE; pfn = hold.pollTail()) {
            if (!lruvec.isEvictable(pfn)) {
                putback(pfn);
                continue;
            }
            if (references.folioReferenced(pfn) != 0 && (references.vmFlags() & VmFlags.VM_EXEC) != 0 && lru.isFile()) {
                nrRotated += lruvec.nrPages(pfn);
                active.addHead(pfn);
                continue;
            }
            r.memMap.clearFlag(pfn, PageFlags.PG_active);
            r.memMap.setFlag(pfn, PageFlags.PG_workingset);
            inactive.addHead(pfn);
        }
        moveFoliosToLru(active);
        long nrDeactivate = moveFoliosToLru(inactive);
        r.events.count(VmEvent.PGDEACTIVATE, nrDeactivate);
        lruvec.lruNoteCost(lru.isFile(), 0, nrRotated);
    }

    /** move_folios_to_lru(): back on the lists, the reclaimer's reference put; returns pages moved. */
    long moveFoliosToLru(FolioList folios) {
        long moved = 0;
        for (long pfn = folios.pollTail(); pfn != LruLinks.NONE; pfn = folios.pollTail()) {
            if (!lruvec.isEvictable(pfn)) {
                putback(pfn);
                continue;
            }
            if (releaseIfLast(pfn)) {
                continue;
            }
            lruvec.add(pfn, false);
            r.memMap.setFlag(pfn, PageFlags.PG_lru);
            moved += lruvec.nrPages(pfn);
        }
        return moved;
    }

    /** folio_putback_lru(): folio_add_lru() (unevictable if mlocked) and the reference put. */
    void putback(long pfn) {
        if (!releaseIfLast(pfn)) {
            lruvec.addOrCull(pfn);
        }
    }

    /** folio_put_testzero() of the reclaimer's reference: frees the folio if it was the last. */
    private boolean releaseIfLast(long pfn) {
        if (r.memMap.refcount(pfn) == 1) {
            lruvec.releasePage(pfn);
            r.allocator.freePages(pfn, lruvec.links.order(pfn), r.current.cpu());
            return true;
        }
        r.memMap.decRefcount(pfn);
        return false;
    }
}
