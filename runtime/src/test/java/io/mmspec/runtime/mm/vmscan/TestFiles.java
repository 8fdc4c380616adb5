package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.LongLongMap;

/**
 * A stand-in page cache for reclaim tests: unmapped file pages with a mapping object of their
 * own, holding the cache's reference, on the LRU; {@link FileReclaim} as the real page cache
 * must implement it, with a synchronous flusher that cleans every dirty page and ends its
 * writeback (rotating PG_reclaim pages to the inactive tail).
 */
final class TestFiles implements FileReclaim {
    /** The address_space every test page points back to. */
    static final Object MAPPING = new Object() {
        @Override
        public String toString() {
            return "address_space(test)";
        }
    };

    private final PageAllocator allocator;
    private final MemMap memMap;
    private final LongLongMap cached = new LongLongMap();
    private Lruvec lruvec;
    private long nextIndex;
    long dropped;
    long flusherWakeups;
    long written;

    TestFiles(PageAllocator allocator) {
        this.allocator = allocator;
        this.memMap = allocator.memMap();
    }

    void setLruvec(Lruvec lruvec) {
        this.lruvec = lruvec;
    }

    /** filemap_add_folio() + folio_add_lru() of a clean page read from a file. */
    long addCleanPage() {
        long pfn = allocator.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        if (pfn < 0) {
            throw new IllegalStateException("no memory for a test file page");
        }
        memMap.setMapping(pfn, MAPPING, false);
        memMap.setIndex(pfn, nextIndex++);
        memMap.setFlag(pfn, PageFlags.PG_uptodate);
        cached.put(pfn, 1);
        lruvec.lruAdd(pfn);
        return pfn;
    }

    boolean isCached(long pfn) {
        return cached.containsKey(pfn);
    }

    long nrCached() {
        return cached.size();
    }

    @Override
    public boolean removeMapping(long pfn) {
        if (!cached.containsKey(pfn) || memMap.refcount(pfn) != 2 || memMap.mapcount(pfn) != 0
                || memMap.testFlag(pfn, PageFlags.PG_dirty) || memMap.testFlag(pfn, PageFlags.PG_writeback)) {
            return false;
        }
        cached.remove(pfn, 0);
        memMap.setMapping(pfn, null, false);
        memMap.decRefcount(pfn);
        dropped++;
        return true;
    }

    @Override
    public void markDirty(long pfn) {
        memMap.setFlag(pfn, PageFlags.PG_dirty);
    }

    @Override
    public void wakeupFlusherThreads() {
        flusherWakeups++;
        for (long pfn : cached.sortedKeys()) {
            if (memMap.testAndClearFlag(pfn, PageFlags.PG_dirty)) {
                written++;
                lruvec.folioEndWriteback(pfn);
            }
        }
    }

    @Override
    public long nrWritePending() {
        long dirty = 0;
        for (long pfn : cached.sortedKeys()) {
            if (memMap.testFlag(pfn, PageFlags.PG_dirty)) {
                dirty++;
            }
        }
        return dirty; // the flusher here is synchronous: nothing stays under writeback
    }
}
