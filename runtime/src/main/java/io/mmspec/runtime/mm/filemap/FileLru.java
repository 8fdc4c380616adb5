package io.mmspec.runtime.mm.filemap;

/**
 * What the page cache tells the LRU lists (mm/vmscan.c, mm/swap.c), and the two numbers of the
 * LRU that mm/workingset.c needs. The LRU itself belongs to vmscan, which implements this;
 * until it is wired in, the page cache uses a stand-in with no lists.
 *
 * <p>Contract: every page the cache adds is announced with {@link #addNew}; every page the
 * cache frees after invalidation (drop_caches, fadvise DONTNEED) is announced with
 * {@link #delete} first, which must leave PG_lru and PG_active clear so that the page can be
 * freed. Pages reclaim removes ({@link PageCache#removeForReclaim}) were isolated by vmscan and
 * are not announced.
 */
public interface FileLru {
    /**
     * folio_add_lru(): a page just entered the cache. {@code activate} is workingset_refault()'s
     * folio_set_active(): the page refaulted within the workingset and starts on the active
     * list (PG_active is the LRU's to set).
     */
    void addNew(long pfn, boolean activate);

    /** folio_mark_accessed(): read() used the page (faults use the PTE young bit instead). */
    void markAccessed(long pfn);

    /** __page_cache_release() / lruvec_del_folio(): the page leaves the LRU to be freed. */
    void delete(long pfn);

    /** folio_rotate_reclaimable(): writeback started by reclaim (PG_reclaim) has finished. */
    void rotateReclaimable(long pfn);

    /** lruvec-&gt;nonresident_age: evictions and activations so far. */
    long nonresidentAge();

    /** workingset_age_nonresident(): an eviction or activation of {@code pages} pages. */
    void ageNonresident(long pages);

    /**
     * The workingset size a file refault distance is compared with: NR_ACTIVE_FILE, plus
     * NR_ACTIVE_ANON and NR_INACTIVE_ANON when swap space is free (workingset_test_recent()).
     */
    long workingsetSize();

    /** NR_ACTIVE_FILE + NR_INACTIVE_FILE, for global_dirtyable_memory(). */
    long fileLruPages();
}
