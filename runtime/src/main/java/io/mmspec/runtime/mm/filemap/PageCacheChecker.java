package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;

/**
 * Recounts the page cache, like CONFIG_DEBUG_VM's checks: every cached page is an allocated
 * frame that points back to its mapping and index, held by the cache (refcount at least 1 +
 * mapcount); PG_locked matches a read in flight and PG_writeback a write in flight; no index
 * holds both a page and a shadow; the dirty and writeback counts of each file and of the
 * machine equal a recount, and a file is dirty (dirtied_when set) exactly while it has dirty
 * pages.
 */
final class PageCacheChecker {
    private final MemMap memMap;
    private final Mappings mappings;
    private final ReadIo readIo;
    private final Writeback writeback;

    PageCacheChecker(MemMap memMap, Mappings mappings, ReadIo readIo, Writeback writeback) {
        this.memMap = memMap;
        this.mappings = mappings;
        this.readIo = readIo;
        this.writeback = writeback;
    }

    void check() {
        long pages = 0;
        long shmem = 0;
        long dirty = 0;
        long underWriteback = 0;
        long locked = 0;
        for (AddressSpace space : mappings.all()) {
            long[] counts = checkSpace(space);
            pages += space.nrpages();
            shmem += space.canWriteback() ? 0 : space.nrpages();
            dirty += counts[0];
            underWriteback += counts[1];
            locked += counts[2];
        }
        expect(pages == mappings.nrFilePages(), "NR_FILE_PAGES is " + mappings.nrFilePages() + " but " + pages + " pages are cached");
        expect(shmem == mappings.nrShmem(), "NR_SHMEM is " + mappings.nrShmem() + " but " + shmem + " shmem pages are cached");
        expect(dirty == writeback.nrFileDirty(), "NR_FILE_DIRTY is " + writeback.nrFileDirty() + " but " + dirty + " pages are dirty");
        expect(underWriteback == writeback.nrWriteback(), "NR_WRITEBACK is " + writeback.nrWriteback() + " but "
                + underWriteback + " pages are under writeback");
        expect(locked == readIo.inFlightPages(), readIo.inFlightPages() + " reads in flight but " + locked + " locked pages");
    }

    /** Checks one file's pages; returns its dirty, writeback and locked page counts. */
    private long[] checkSpace(AddressSpace space) {
        long[] counts = new long[3];
        for (long index : space.cachedIndexes()) {
            long pfn = space.lookup(index);
            checkPage(space, index, pfn);
            if (space.canWriteback() && memMap.testFlag(pfn, PageFlags.PG_dirty)) {
                counts[0]++;
            }
            counts[1] += memMap.testFlag(pfn, PageFlags.PG_writeback) ? 1 : 0;
            counts[2] += memMap.testFlag(pfn, PageFlags.PG_locked) ? 1 : 0;
        }
        expect(counts[0] == space.nrDirty, space + " counts " + space.nrDirty + " dirty pages but holds " + counts[0]);
        expect(counts[1] == space.nrWriteback, space + " counts " + space.nrWriteback + " pages under writeback but holds " + counts[1]);
        expect((space.nrDirty > 0) == (space.dirtiedWhen >= 0), space + " has " + space.nrDirty
                + " dirty pages but dirtied_when " + space.dirtiedWhen);
        return counts;
    }

    private void checkPage(AddressSpace space, long index, long pfn) {
        String where = "page cache entry " + space + "[" + index + "] -> pfn " + pfn;
        expect(!memMap.isFree(pfn), where + " is a free frame");
        expect(memMap.mapping(pfn) == space && memMap.index(pfn) == index, where + " does not point back to it");
        expect(memMap.refcount(pfn) >= 1 + memMap.mapcount(pfn), where + " has refcount " + memMap.refcount(pfn)
                + " with mapcount " + memMap.mapcount(pfn) + ": the cache's own reference is missing");
        expect(space.shadow(index) == AddressSpace.NO_SHADOW, where + " also holds a shadow entry");
        readIo.check(pfn);
        writeback.check(pfn);
    }

    private static void expect(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("page cache invariant violated: " + message);
        }
    }
}
