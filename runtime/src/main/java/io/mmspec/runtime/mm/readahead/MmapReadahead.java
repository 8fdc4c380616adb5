package io.mmspec.runtime.mm.readahead;

import io.mmspec.runtime.mm.mmap.VmFlags;

/**
 * Readahead for page faults on file mappings. Mirrors mm/filemap.c of Linux 6.18:
 * do_sync_mmap_readahead() (on a miss) and do_async_mmap_readahead() (on a hit).
 *
 * <pre>
 *   VM_RAND_READ (MADV_RANDOM), not VM_EXEC ... no readahead: the fault reads its page alone
 *   VM_SEQ_READ (MADV_SEQUENTIAL) ............. page_cache_sync_ra() of ra_pages
 *   mmap_miss &gt; MMAP_LOTSAMISS (100) ......... no readahead: this file misses far more than it hits
 *   VM_EXEC ................................... [pgoff, pgoff + ra_pages) inside the VMA, no async part
 *   otherwise, read-around:
 *        |&lt;---------------- ra_pages ----------------&gt;|
 *        [ pgoff - ra/2 ........ pgoff ......... # .... )   async ra/4: marker at 3/4 of the window
 * </pre>
 * mmap_miss counts misses up and hits (and pages fault-around maps) down.
 *
 * <p>The VM_EXEC case (commit "mm/filemap: allow arch to request folio size for exec memory",
 * in the kernel since 6.16) reads from the faulting page forward with exec_folio_order() 0 on
 * x86-64; kernel-facts.md section 9 describes only read-around. The VM_HUGEPAGE case (PMD-sized
 * windows of large folios) is left out: this page cache holds order-0 pages only.
 */
public final class MmapReadahead {
    /** MMAP_LOTSAMISS. */
    public static final int MMAP_LOTSAMISS = 100;

    private final Readahead readahead;

    public MmapReadahead(Readahead readahead) {
        this.readahead = readahead;
    }

    /**
     * do_sync_mmap_readahead(): a fault at file page {@code pgoff} of a VMA with {@code vmFlags}
     * that maps file pages [vmaStartPgoff, vmaEndPgoff) found no page in the cache.
     */
    public void doSync(ReadaheadControl ractl, FileRaState ra, long vmFlags, long pgoff,
                       long vmaStartPgoff, long vmaEndPgoff) {
        if ((vmFlags & (VmFlags.VM_RAND_READ | VmFlags.VM_EXEC)) == VmFlags.VM_RAND_READ || ra.raPages == 0) {
            return;
        }
        if ((vmFlags & VmFlags.VM_SEQ_READ) != 0) {
            readahead.syncRa(ractl, ra, pgoff, ra.raPages);
            return;
        }
        if (ra.mmapMiss < MMAP_LOTSAMISS * 10) {
            ra.mmapMiss++;
        }
        if (ra.mmapMiss > MMAP_LOTSAMISS) {
            return;
        }
        if ((vmFlags & VmFlags.VM_EXEC) != 0) {
            ra.start = Math.max(pgoff, vmaStartPgoff); // round_down(pgoff, 1 << exec_folio_order()), order 0
            long raEnd = Math.min(ra.start + ra.raPages, vmaEndPgoff);
            ra.size = raEnd - ra.start;
            ra.asyncSize = 0;
        } else {
            ra.start = Math.max(0, pgoff - ra.raPages / 2);
            ra.size = ra.raPages;
            ra.asyncSize = ra.raPages / 4;
        }
        ra.order = 0;
        long pages = readahead.doPageCacheRa(ractl, ra.start, ra.size, ra.asyncSize);
        readahead.emit(ractl, ra.start, ra.size, ra.asyncSize, true, pages);
    }

    /**
     * do_async_mmap_readahead(): a fault found page {@code pgoff} cached. A hit lowers mmap_miss;
     * a hit on the PG_readahead page starts the next window.
     */
    public void doAsync(ReadaheadControl ractl, FileRaState ra, long vmFlags, long pgoff) {
        if ((vmFlags & VmFlags.VM_RAND_READ) != 0 || ra.raPages == 0) {
            return;
        }
        if (ra.mmapMiss > 0) {
            ra.mmapMiss--;
        }
        if (ractl.testReadahead(pgoff)) {
            readahead.asyncRa(ractl, ra, pgoff, ra.raPages);
        }
    }
}
