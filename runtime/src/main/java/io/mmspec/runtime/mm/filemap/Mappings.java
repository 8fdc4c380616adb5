package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.mm.mmap.MappedFile;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every file's {@link AddressSpace}, and pages entering and leaving them. Mirrors mm/filemap.c:
 * filemap_add_folio() (with the workingset refault check and folio_add_lru()) and
 * __filemap_remove_folio() / page_cache_delete() (leaving a shadow entry or none), and keeps
 * NR_FILE_PAGES and NR_SHMEM.
 *
 * <p>A page-cache page holds one reference for the cache itself (refcount 1 while cached);
 * every PTE that maps it adds a mapcount and a reference.
 */
final class Mappings {
    private final PageAllocator allocator;
    private final MemMap memMap;
    private final Workingset workingset;
    private final Map<MappedFile, AddressSpace> spaces = new LinkedHashMap<>();
    private FileLru lru;
    private long nrFilePages;
    private long nrShmem;

    Mappings(PageAllocator allocator, Workingset workingset) {
        this.allocator = allocator;
        this.memMap = allocator.memMap();
        this.workingset = workingset;
    }

    void setLru(FileLru lru) {
        this.lru = lru;
    }

    FileLru lru() {
        return lru;
    }

    /** inode-&gt;i_mapping, created on first use. */
    AddressSpace mapping(MappedFile file) {
        AddressSpace space = spaces.get(file);
        if (space == null) {
            space = new AddressSpace(file, spaces.size());
            spaces.put(file, space);
        }
        return space;
    }

    /** The file's mapping if the cache has seen it, else null. */
    AddressSpace existing(MappedFile file) {
        return spaces.get(file);
    }

    Collection<AddressSpace> all() {
        return Collections.unmodifiableCollection(spaces.values());
    }

    /**
     * filemap_alloc_folio() + filemap_add_folio(): a new page at {@code index}, locked when its
     * contents are still to be read, or {@link AddressSpace#NONE} if none could be allocated.
     * A shadow entry at the index is a refault, unless the page is added to be overwritten
     * (__GFP_WRITE).
     */
    long addNewPage(AddressSpace space, long index, Gfp gfp, int cpu, boolean locked) {
        long pfn = allocator.allocPages(0, gfp, cpu);
        if (pfn < 0) {
            return AddressSpace.NONE;
        }
        memMap.setMapping(pfn, space, false);
        memMap.setIndex(pfn, index);
        memMap.setFlag(pfn, locked ? PageFlags.PG_locked : PageFlags.PG_uptodate);
        if (!space.canWriteback()) {
            memMap.setFlag(pfn, PageFlags.PG_swapbacked); // shmem pages live on the anon LRU
            nrShmem++;
        }
        long shadow = space.insert(index, pfn);
        nrFilePages++;
        boolean activate = shadow != AddressSpace.NO_SHADOW && !gfp.has(Gfp.__GFP_WRITE)
                && workingset.refault(pfn, shadow);
        lru.addNew(pfn, activate);
        return pfn;
    }

    /**
     * __filemap_remove_folio(): the page leaves the cache, leaving {@code shadow} (or nothing
     * for {@link AddressSpace#NO_SHADOW}) at its index. The caller frees it.
     */
    void deletePage(AddressSpace space, long index, long pfn, long shadow) {
        if (space.remove(index) != pfn) {
            throw new IllegalStateException(space + "[" + index + "] does not hold pfn " + pfn);
        }
        if (shadow != AddressSpace.NO_SHADOW) {
            space.storeShadow(index, shadow);
        }
        nrFilePages--;
        if (!space.canWriteback()) {
            nrShmem--;
        }
        memMap.setMapping(pfn, null, false);
    }

    /** folio_put() of the cache's reference to a page that left the cache: frees it. */
    void free(long pfn, int cpu) {
        allocator.freePages(pfn, 0, cpu);
    }

    /** NR_FILE_PAGES (shmem included, the swap cache not). */
    long nrFilePages() {
        return nrFilePages;
    }

    /** NR_SHMEM. */
    long nrShmem() {
        return nrShmem;
    }

    /** The space {@code pfn} belongs to, or null if it is no page-cache page. */
    AddressSpace spaceOf(long pfn) {
        return memMap.mapping(pfn) instanceof AddressSpace space && space.lookup(memMap.index(pfn)) == pfn
                ? space : null;
    }
}
