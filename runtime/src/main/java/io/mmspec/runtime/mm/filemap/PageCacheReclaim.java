package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;

/**
 * What reclaim (mm/vmscan.c: shrink_folio_list()) may ask of the page cache about one page.
 * Mirrors pageout() (writeback of one dirty page with PG_reclaim, so that its completion
 * rotates it to the tail of the inactive list) and __remove_mapping() (a clean page leaves the
 * cache, leaving a workingset shadow entry, mm/workingset.c: workingset_eviction()).
 *
 * <p>Who frees: {@link #removeMapping} frees the page itself (the cache's reference was the
 * last); the caller must not touch the pfn afterwards. The caller must first take the page
 * off its LRU list (PG_lru and PG_active clear), as isolation does.
 */
public final class PageCacheReclaim {
    private final MemMap memMap;
    private final Mappings mappings;
    private final Writeback writeback;
    private final Workingset workingset;
    private final IoClock io;

    PageCacheReclaim(MemMap memMap, Mappings mappings, Writeback writeback, Workingset workingset, IoClock io) {
        this.memMap = memMap;
        this.mappings = mappings;
        this.writeback = writeback;
        this.workingset = workingset;
        this.io = io;
    }

    /** The page is in the page cache (its mapping is an address_space that holds it). */
    public boolean isPageCache(long pfn) {
        return mappings.spaceOf(pfn) != null;
    }

    /** folio_is_file_lru(): a page-cache page of a file on disk (shmem pages are swap-backed). */
    public boolean isFileLru(long pfn) {
        AddressSpace space = mappings.spaceOf(pfn);
        return space != null && space.canWriteback();
    }

    public boolean isDirty(long pfn) {
        return memMap.testFlag(pfn, PageFlags.PG_dirty);
    }

    public boolean isWriteback(long pfn) {
        return memMap.testFlag(pfn, PageFlags.PG_writeback);
    }

    /** PG_locked: its read is in flight. */
    public boolean isLocked(long pfn) {
        return memMap.testFlag(pfn, PageFlags.PG_locked);
    }

    /** folio_mapped(): some PTE maps the page (try_to_unmap() must go first). */
    public boolean isMapped(long pfn) {
        return memMap.mapcount(pfn) > 0;
    }

    /** Everything {@link #removeMapping} demands: a clean, idle, unmapped file page held by the cache alone. */
    public boolean canRemove(long pfn) {
        return whyNotRemovable(pfn) == null;
    }

    /**
     * pageout(): starts writeback of the dirty file page {@code pfn} with PG_reclaim set, at the
     * caller's time (clock + its charged work). Returns when the write completes.
     */
    public long pageout(long pfn, int cpu) {
        AddressSpace space = mappings.spaceOf(pfn);
        if (space == null || !space.canWriteback() || !isDirty(pfn) || isWriteback(pfn) || isLocked(pfn)) {
            throw new IllegalStateException("pageout of pfn " + pfn + ": not a dirty, idle file page");
        }
        memMap.setFlag(pfn, PageFlags.PG_reclaim);
        writeback.writeRange(space, memMap.index(pfn), memMap.index(pfn), false, "reclaim", io.taskNow(), 0, cpu);
        return writeback.completion(pfn);
    }

    /**
     * __remove_mapping(reclaimed = true) and the free: the page leaves the cache, a shadow
     * entry records its eviction, and the frame goes back to the buddy allocator.
     *
     * @throws IllegalStateException if the page is dirty (dropping it would lose data), under
     *         writeback, locked, mapped, on an LRU list, held by someone else, or shmem
     */
    public void removeMapping(long pfn, int cpu) {
        String why = whyNotRemovable(pfn);
        if (why != null) {
            throw new IllegalStateException("cannot remove pfn " + pfn + " from the page cache: " + why);
        }
        AddressSpace space = mappings.spaceOf(pfn);
        long shadow = workingset.eviction(pfn);
        mappings.deletePage(space, memMap.index(pfn), pfn, shadow);
        mappings.free(pfn, cpu);
    }

    /**
     * __remove_mapping() as shrink_folio_list() calls it: the caller isolated the page and holds
     * a reference of its own (refcount 2: the cache's and the caller's). The page leaves the
     * cache with a shadow entry and the cache's reference is dropped; the caller frees the page
     * with its own. Returns false (and changes nothing) if the page cannot go.
     */
    public boolean removeIsolated(long pfn) {
        if (memMap.refcount(pfn) != 2) {
            return false;
        }
        memMap.decRefcount(pfn); // pretend the caller's reference away for the checks
        String why = whyNotRemovable(pfn);
        memMap.incRefcount(pfn);
        if (why != null) {
            return false;
        }
        AddressSpace space = mappings.spaceOf(pfn);
        long shadow = workingset.eviction(pfn);
        mappings.deletePage(space, memMap.index(pfn), pfn, shadow);
        memMap.decRefcount(pfn); // the cache's reference
        return true;
    }

    private String whyNotRemovable(long pfn) {
        AddressSpace space = mappings.spaceOf(pfn);
        if (space == null) {
            return "it is not a page-cache page";
        }
        if (isDirty(pfn)) {
            return "it is dirty: its data is not on disk yet (" + space + " index " + memMap.index(pfn) + ")";
        }
        if (!space.canWriteback()) {
            return "it is shmem: it can only be swapped out";
        }
        if (isWriteback(pfn) || isLocked(pfn)) {
            return "its I/O is in flight";
        }
        if (isMapped(pfn)) {
            return "it is mapped " + memMap.mapcount(pfn) + " times";
        }
        if (memMap.testFlag(pfn, PageFlags.PG_lru) || memMap.testFlag(pfn, PageFlags.PG_active)) {
            return "it is still on an LRU list";
        }
        if (memMap.refcount(pfn) != 1) {
            return "refcount " + memMap.refcount(pfn) + ": someone else holds it";
        }
        return null;
    }

    /** The refault distance a shadow entry would have now (for tests and traces). */
    public long refaultDistance(long shadow) {
        return workingset.refaultDistance(shadow);
    }
}
