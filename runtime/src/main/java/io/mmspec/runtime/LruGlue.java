package io.mmspec.runtime;

import io.mmspec.runtime.mm.filemap.FileLru;
import io.mmspec.runtime.mm.filemap.PageCache;
import io.mmspec.runtime.mm.vmscan.FileReclaim;
import io.mmspec.runtime.mm.vmscan.LruList;
import io.mmspec.runtime.mm.vmscan.Lruvec;
import io.mmspec.runtime.sim.Current;

/**
 * The seam between the page cache and reclaim, both ways: page-cache pages join and leave the
 * node's LRU lists (filemap_add_folio → folio_add_lru, __page_cache_release), and shrink_folio_list
 * drops clean file pages from the cache (__remove_mapping) and wakes the flusher for dirty ones.
 * Also the workingset's clock, lruvec->nonresident_age, which ages with every eviction and
 * activation (mm/workingset.c: workingset_age_nonresident).
 */
final class LruGlue implements FileLru, FileReclaim {
    private Lruvec lruvec;
    private final Current current;
    private PageCache pageCache;
    private FileReclaim other;
    private long nonresidentAge;

    LruGlue(Current current) {
        this.current = current;
    }

    void setLruvec(Lruvec lists) {
        this.lruvec = lists;
    }

    void setPageCache(PageCache cache) {
        this.pageCache = cache;
    }

    /** Another cache of file pages whose pages share the LRU (tests attach a minimal one). */
    void attach(FileReclaim extra) {
        this.other = extra;
    }

    private boolean isOther(long pfn) {
        return other != null && !pageCache.reclaim().isPageCache(pfn);
    }

    // ---- FileLru: the page cache's view of the LRU ------------------------------------------

    @Override
    public void addNew(long pfn, boolean activate) {
        lruvec.lruAdd(pfn);
        if (activate) {
            lruvec.folioActivate(pfn);
            nonresidentAge++;
        }
    }

    @Override
    public void markAccessed(long pfn) {
        lruvec.folioMarkAccessed(pfn);
    }

    @Override
    public void delete(long pfn) {
        lruvec.releasePage(pfn);
    }

    @Override
    public long nrWritePending() {
        return pageCache == null ? 0 : pageCache.nrDirty() + pageCache.nrWriteback();
    }

    @Override
    public void rotateReclaimable(long pfn) {
        lruvec.folioEndWriteback(pfn);
    }

    @Override
    public long nonresidentAge() {
        return nonresidentAge;
    }

    @Override
    public void ageNonresident(long pages) {
        nonresidentAge += pages;
    }

    /** workingset_refault()'s workingset size for a file page: the active file list. */
    @Override
    public long workingsetSize() {
        return lruvec.size(LruList.ACTIVE_FILE);
    }

    @Override
    public long fileLruPages() {
        return lruvec.size(LruList.ACTIVE_FILE) + lruvec.size(LruList.INACTIVE_FILE);
    }

    // ---- FileReclaim: reclaim's view of the page cache --------------------------------------

    @Override
    public boolean removeMapping(long pfn) {
        if (isOther(pfn)) {
            return other.removeMapping(pfn);
        }
        boolean removed = pageCache.reclaim().removeIsolated(pfn);
        if (removed) {
            nonresidentAge++;
        }
        return removed;
    }

    @Override
    public void markDirty(long pfn) {
        if (isOther(pfn)) {
            other.markDirty(pfn);
            return;
        }
        pageCache.markDirty(pfn, current.pid(), current.cpu());
    }

    /** wakeup_flusher_threads(WB_REASON_VMSCAN): write back what is dirty now. */
    @Override
    public void wakeupFlusherThreads() {
        pageCache.wakeupFlusher();
        if (other != null) {
            other.wakeupFlusherThreads();
        }
    }
}
