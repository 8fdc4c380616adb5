package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.mm.swap.SwapLru;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * The LRU lists of the one node (struct lruvec, include/linux/mm_inline.h, mm/swap.c,
 * mm/mlock.c): five lists with their sizes per zone, and the page flags that say where a
 * folio is: PG_lru (on a list), PG_active, PG_unevictable, and PG_swapbacked (anon list).
 *
 * <pre>
 *   new folio ──lru_add──▶ inactive ──folio_mark_accessed x2 / references──▶ active
 *                 │            ▲                                               │
 *                 │            └──────────── shrink_active_list (deactivate) ──┘
 *                 └──mlocked──▶ unevictable
 * </pre>
 *
 * New folios start inactive (there is no per-CPU add batch: a folio is on its list at once).
 * Also lru_note_cost()'s anon_cost and file_cost, the refault snapshot and NR_MLOCK.
 */
public final class Lruvec implements SwapLru {
    private final MemMap memMap;
    private final PageAllocator allocator;
    private final VmEventCounters events;
    final LruLinks links;
    private final FolioList[] lists = new FolioList[LruList.values().length];
    private final long[][] zonePages = new long[lists.length][ZoneType.MAX_NR_ZONES];
    private final long[] pages = new long[lists.length];
    /** lruvec->anon_cost and file_cost. */
    long anonCost;
    long fileCost;
    /** lruvec->refaults[]: WORKINGSET_ACTIVATE_ANON / _FILE when reclaim last looked. */
    final long[] refaults = new long[2];
    private long nrMlock;

    public Lruvec(MemMap memMap, PageAllocator allocator, VmEventCounters events) {
        this.memMap = memMap;
        this.allocator = allocator;
        this.events = events;
        this.links = new LruLinks(memMap.totalPages());
        for (int i = 0; i < lists.length; i++) {
            lists[i] = new FolioList(links);
        }
    }

    /** folio_add_lru() of an order-0 page: a new page joins its inactive list. */
    public void lruAdd(long pfn) {
        lruAdd(pfn, 0);
    }

    /** folio_add_lru() of a folio of 2^order pages (its first pfn). */
    public void lruAdd(long pfn, int order) {
        if (memMap.testFlag(pfn, PageFlags.PG_lru)) {
            throw new IllegalStateException("pfn " + pfn + " is already on an LRU list");
        }
        links.setOrder(pfn, order);
        addOrCull(pfn);
    }

    /**
     * folio_add_lru_vma(): a page newly mapped into {@code vma}; in a VM_LOCKED VMA it is
     * mlocked and goes to the unevictable list (mlock_new_folio()).
     */
    public void lruAddVma(long pfn, long vmFlags) {
        if ((vmFlags & (VmFlags.VM_LOCKED | VmFlags.VM_SPECIAL)) == VmFlags.VM_LOCKED) {
            setMlocked(pfn);
        }
        lruAdd(pfn, 0);
    }

    @Override
    public void folioAddLru(long pfn) {
        lruAdd(pfn, 0);
    }

    /**
     * __page_cache_release(): before the last reference of a page goes, it leaves its LRU list
     * (PG_lru, PG_active, PG_unevictable cleared). The page allocator clears PG_mlocked and
     * counts unevictable_pgs_cleared.
     */
    @Override
    public void releasePage(long pfn) {
        folioIsolateLru(pfn);
        memMap.clearFlag(pfn, PageFlags.PG_active);
        memMap.clearFlag(pfn, PageFlags.PG_unevictable);
    }

    /**
     * folio_isolate_lru(): off its list, PG_lru cleared, PG_active and PG_unevictable kept (as
     * page migration needs them); false if it was on no list. Page migration isolates the old
     * page and puts the new one on with {@link #lruAdd(long, int)}.
     */
    public boolean folioIsolateLru(long pfn) {
        if (!memMap.testFlag(pfn, PageFlags.PG_lru)) {
            return false;
        }
        del(pfn);
        memMap.clearFlag(pfn, PageFlags.PG_lru);
        return true;
    }

    /**
     * folio_mark_accessed(): the first access sets PG_referenced; a second one on an inactive
     * folio activates it (pgactivate) and clears the mark.
     */
    public void folioMarkAccessed(long pfn) {
        if (!memMap.testFlag(pfn, PageFlags.PG_referenced)) {
            memMap.setFlag(pfn, PageFlags.PG_referenced);
        } else if (!memMap.testFlag(pfn, PageFlags.PG_unevictable) && !memMap.testFlag(pfn, PageFlags.PG_active)) {
            if (memMap.testFlag(pfn, PageFlags.PG_lru)) {
                folioActivate(pfn);
            }
            memMap.clearFlag(pfn, PageFlags.PG_referenced);
        }
        memMap.clearFlag(pfn, PageFlags.PG_idle);
    }

    /** folio_activate() → lru_activate(): an inactive folio on its list moves to the active one. */
    public void folioActivate(long pfn) {
        if (!memMap.testFlag(pfn, PageFlags.PG_lru) || memMap.testFlag(pfn, PageFlags.PG_active)
                || memMap.testFlag(pfn, PageFlags.PG_unevictable)) {
            return;
        }
        del(pfn);
        memMap.setFlag(pfn, PageFlags.PG_active);
        add(pfn, false);
        events.count(VmEvent.PGACTIVATE, nrPages(pfn));
    }

    /**
     * folio_end_writeback() with PG_reclaim set (folio_rotate_reclaimable() → lru_move_tail()):
     * a folio reclaim wanted, now clean, goes to the tail of its inactive list to be reclaimed
     * first (pgrotated). The writeback code calls this when a write completes.
     */
    @Override
    public void folioEndWriteback(long pfn) {
        if (!memMap.testAndClearFlag(pfn, PageFlags.PG_reclaim)) {
            return;
        }
        if (memMap.testFlag(pfn, PageFlags.PG_lru) && !memMap.testFlag(pfn, PageFlags.PG_unevictable)
                && !memMap.testFlag(pfn, PageFlags.PG_dirty) && !memMap.testFlag(pfn, PageFlags.PG_locked)) {
            del(pfn);
            memMap.clearFlag(pfn, PageFlags.PG_active);
            add(pfn, true);
            events.count(VmEvent.PGROTATED, nrPages(pfn));
        }
    }

    /**
     * mlock_folio(): PG_mlocked (nr_mlock, unevictable_pgs_mlocked) and, if the folio is on an
     * LRU list, off to the unevictable one (unevictable_pgs_culled). mlock(2) calls it for each
     * present page of the range; reclaim for a page it finds in a VM_LOCKED VMA.
     */
    public void mlockFolio(long pfn) {
        setMlocked(pfn);
        if (!memMap.testFlag(pfn, PageFlags.PG_lru) || memMap.testFlag(pfn, PageFlags.PG_unevictable)) {
            return; // isolated: putback culls it; already unevictable: nothing to move
        }
        del(pfn);
        memMap.clearFlag(pfn, PageFlags.PG_active);
        memMap.setFlag(pfn, PageFlags.PG_unevictable);
        add(pfn, false);
        events.count(VmEvent.UNEVICTABLE_PGS_CULLED, nrPages(pfn));
    }

    /**
     * munlock_folio() for the last VM_LOCKED mapping of a page (mlock_count is not kept: a page
     * still locked elsewhere is found again by reclaim): PG_mlocked cleared
     * (unevictable_pgs_munlocked) and the folio back on its inactive list (rescued).
     */
    public void munlockFolio(long pfn) {
        if (memMap.testAndClearFlag(pfn, PageFlags.PG_mlocked)) {
            if (memMap.testFlag(pfn, PageFlags.PG_lru)) {
                nrMlock -= nrPages(pfn);
            }
            events.count(VmEvent.UNEVICTABLE_PGS_MUNLOCKED, nrPages(pfn));
        }
        if (memMap.testFlag(pfn, PageFlags.PG_lru) && memMap.testFlag(pfn, PageFlags.PG_unevictable)) {
            del(pfn);
            memMap.clearFlag(pfn, PageFlags.PG_unevictable);
            add(pfn, false);
            events.count(VmEvent.UNEVICTABLE_PGS_RESCUED, nrPages(pfn));
        }
    }

    private void setMlocked(long pfn) {
        if (!memMap.testAndSetFlag(pfn, PageFlags.PG_mlocked)) {
            if (memMap.testFlag(pfn, PageFlags.PG_lru)) {
                nrMlock += nrPages(pfn); // an isolated page is counted when it goes back
            }
            events.count(VmEvent.UNEVICTABLE_PGS_MLOCKED, nrPages(pfn));
        }
    }

    /**
     * lru_add(): onto the list the folio's flags name, or, if it is not evictable (mlocked), onto
     * the unevictable list (counting unevictable_pgs_culled the first time).
     */
    void addOrCull(long pfn) {
        boolean wasUnevictable = memMap.testAndClearFlag(pfn, PageFlags.PG_unevictable);
        if (isEvictable(pfn)) {
            if (wasUnevictable) {
                events.count(VmEvent.UNEVICTABLE_PGS_RESCUED, nrPages(pfn));
            }
        } else {
            memMap.clearFlag(pfn, PageFlags.PG_active);
            memMap.setFlag(pfn, PageFlags.PG_unevictable);
            if (!wasUnevictable) {
                events.count(VmEvent.UNEVICTABLE_PGS_CULLED, nrPages(pfn));
            }
        }
        add(pfn, false);
        memMap.setFlag(pfn, PageFlags.PG_lru);
    }

    /** folio_evictable(): not mlocked (unevictable mappings such as ramfs are not modelled). */
    boolean isEvictable(long pfn) {
        return !memMap.testFlag(pfn, PageFlags.PG_mlocked);
    }

    /** folio_lru_list(). */
    LruList lruOf(long pfn) {
        if (memMap.testFlag(pfn, PageFlags.PG_unevictable)) {
            return LruList.UNEVICTABLE;
        }
        return LruList.of(!memMap.testFlag(pfn, PageFlags.PG_swapbacked), memMap.testFlag(pfn, PageFlags.PG_active));
    }

    /** lruvec_add_folio() (head) or lruvec_add_folio_tail(); PG_lru is the caller's. */
    void add(long pfn, boolean tail) {
        LruList lru = lruOf(pfn);
        if (tail) {
            lists[lru.ordinal()].addTail(pfn);
        } else {
            lists[lru.ordinal()].addHead(pfn);
        }
        account(pfn, lru, nrPages(pfn));
    }

    /** lruvec_del_folio(); PG_lru is the caller's. */
    void del(long pfn) {
        LruList lru = lruOf(pfn);
        lists[lru.ordinal()].remove(pfn);
        account(pfn, lru, -nrPages(pfn));
    }

    private void account(long pfn, LruList lru, long delta) {
        pages[lru.ordinal()] += delta;
        zonePages[lru.ordinal()][allocator.zoneOf(pfn).ordinal()] += delta;
        if (memMap.testFlag(pfn, PageFlags.PG_mlocked)) {
            nrMlock += delta;
        }
    }

    FolioList list(LruList lru) {
        return lists[lru.ordinal()];
    }

    long nrPages(long pfn) {
        return 1L << links.order(pfn);
    }

    /** Pages on a list (nr_inactive_anon, ...; the meminfo Active/Inactive/Unevictable lines). */
    public long size(LruList lru) {
        return pages[lru.ordinal()];
    }

    /** NR_ZONE_LRU_BASE + lru of one zone. */
    public long zoneSize(LruList lru, ZoneType zone) {
        return zonePages[lru.ordinal()][zone.ordinal()];
    }

    /** lruvec_lru_size(): pages on a list in the zones up to {@code zoneIdx}. */
    long lruSize(LruList lru, int zoneIdx) {
        long size = 0;
        for (int z = 0; z <= zoneIdx; z++) {
            size += zonePages[lru.ordinal()][z];
        }
        return size;
    }

    /**
     * NR_MLOCK (Mlocked in /proc/meminfo): mlocked pages on the lists (a page reclaim holds
     * isolated for a moment is counted again when it goes back).
     */
    public long nrMlock() {
        return nrMlock;
    }

    /** lruvec->anon_cost, the recent cost of reclaiming anonymous pages (lru_note_cost()). */
    public long anonCost() {
        return anonCost;
    }

    /** lruvec->file_cost. */
    public long fileCost() {
        return fileCost;
    }

    /**
     * lru_note_cost(): I/O weighs SWAP_CLUSTER_MAX times a rotation; both costs halve once their
     * sum passes a quarter of the LRU pages, so recent events weigh most.
     */
    public void lruNoteCost(boolean file, long nrIo, long nrRotated) {
        long cost = nrIo * ScanControl.SWAP_CLUSTER_MAX + nrRotated;
        if (cost == 0) {
            return;
        }
        if (file) {
            fileCost += cost;
        } else {
            anonCost += cost;
        }
        long lrusize = 0;
        for (int i = 0; i < LruList.NR_EVICTABLE; i++) {
            lrusize += pages[i];
        }
        if (fileCost + anonCost > lrusize / 4) {
            fileCost /= 2;
            anonCost /= 2;
        }
    }

    /** lru_note_cost_refault(): workingset_refault() of a page that had been reclaimed. */
    public void lruNoteCostRefault(boolean file, int order) {
        lruNoteCost(file, 1L << order, 0);
    }

    /** Walks every list both ways and recounts; see {@link LruChecker}. */
    public void checkInvariants() {
        new LruChecker(this, memMap, allocator).check(lists, pages, zonePages, nrMlock);
    }
}
