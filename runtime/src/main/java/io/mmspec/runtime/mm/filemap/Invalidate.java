package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;

/**
 * Dropping clean page-cache pages nobody uses. Mirrors mm/truncate.c: mapping_try_invalidate()
 * / invalidate_mapping_pages() with mapping_evict_folio(), the work of drop_caches (1) and of
 * POSIX_FADV_DONTNEED. A page stays if it is dirty, under writeback, locked (being read),
 * mapped by a process, or held by anyone but the cache. No shadow entry is left: these pages
 * were not reclaimed, so a later read is no refault.
 */
final class Invalidate {
    private final MemMap memMap;
    private final Mappings mappings;

    Invalidate(MemMap memMap, Mappings mappings) {
        this.memMap = memMap;
        this.mappings = mappings;
    }

    /** invalidate_mapping_pages() over [start, end]: returns the pages freed. */
    long range(AddressSpace space, long start, long end, int cpu) {
        if (space.nrpages() == 0) {
            return 0;
        }
        long freed = 0;
        for (long index : space.cachedIndexes()) {
            if (index >= start && index <= end && evict(space, index, space.lookup(index), cpu)) {
                freed++;
            }
        }
        return freed;
    }

    /** mapping_evict_folio() + the folio_put() that frees the page. */
    private boolean evict(AddressSpace space, long index, long pfn, int cpu) {
        int flags = memMap.flags(pfn);
        if ((flags & (1 << PageFlags.PG_dirty | 1 << PageFlags.PG_writeback | 1 << PageFlags.PG_locked)) != 0
                || memMap.mapcount(pfn) > 0 || memMap.refcount(pfn) != 1) {
            return false;
        }
        mappings.lru().delete(pfn);
        mappings.deletePage(space, index, pfn, AddressSpace.NO_SHADOW);
        mappings.free(pfn, cpu);
        return true;
    }
}
