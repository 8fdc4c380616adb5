package io.mmspec.runtime.mm.vmscan;

/**
 * What reclaim asks of the page cache (mm/filemap.c, mm/page-writeback.c, mm/workingset.c) to
 * drop file pages. The page cache implements it; reclaim never touches an address_space itself.
 *
 * <p>Since Linux 6.16 reclaim does not write file pages out (->writepage is gone from pageout()):
 * a dirty file page met by reclaim is marked PG_reclaim and kept, and the flusher is woken when
 * every page a scan took was dirty and unqueued. When the flusher's write of a PG_reclaim page
 * completes, the page cache calls {@link Lruvec#folioEndWriteback(long)}, which moves the page
 * to the tail of the inactive list; the next scan drops it clean.
 */
public interface FileReclaim {
    /**
     * __remove_mapping() of a page-cache page that no PTE maps and that reclaim holds one
     * reference to: if it is clean, not under writeback, and its only other reference is the
     * page cache's (refcount 2), take it out of its mapping (leaving a workingset shadow), clear
     * page->mapping and drop the cache's reference, and return true. The caller then frees the
     * page with its own reference. Otherwise change nothing and return false.
     */
    boolean removeMapping(long pfn);

    /**
     * folio_mark_dirty() of a page-cache page, as try_to_unmap() does when a PTE that mapped it
     * was dirty: the data in the page is newer than the file's.
     */
    void markDirty(long pfn);

    /** wakeup_flusher_threads(WB_REASON_VMSCAN): write back the dirty pages, oldest inodes first. */
    void wakeupFlusherThreads();

    /** NR_FILE_DIRTY + NR_WRITEBACK of the page cache (its part of NR_ZONE_WRITE_PENDING). */
    long nrWritePending();
}
