package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.readahead.FileRaState;
import io.mmspec.runtime.mm.readahead.Readahead;

/**
 * The pages a read() copies from. Mirrors mm/filemap.c: filemap_get_pages(),
 * filemap_get_read_batch(), filemap_readahead(), filemap_update_page() and
 * filemap_create_folio().
 *
 * <pre>
 *   batch = the cached pages from the read position on, stopping after a page that is not
 *           uptodate or is marked PG_readahead (at most PAGEVEC_SIZE = 31)
 *   empty  -&gt; page_cache_sync_ra(), batch again; still empty -&gt; read the one page
 *   last page marked PG_readahead -&gt; page_cache_async_ra()
 *   last page not uptodate -&gt; drop it from the batch, or, if it is the only one, wait for it
 * </pre>
 * The batch is kept in a reused array: {@link #page(int)} until the next call.
 */
final class FilemapGetPages {
    /** PAGEVEC_SIZE: pages in a folio_batch. */
    static final int PAGEVEC_SIZE = 31;

    private final MemMap memMap;
    private final ReadIo readIo;
    private final IoClock io;
    private final ReadPath readPath;
    private final Readahead readahead;
    private final RaControl ractl;
    private final long[] batch = new long[PAGEVEC_SIZE];
    private long firstIndex;

    FilemapGetPages(MemMap memMap, ReadIo readIo, IoClock io, ReadPath readPath, Readahead readahead,
                    RaControl ractl) {
        this.memMap = memMap;
        this.readIo = readIo;
        this.io = io;
        this.readPath = readPath;
        this.readahead = readahead;
        this.ractl = ractl;
    }

    /**
     * filemap_get_pages() for a read of {@code count} bytes at {@code pos}: fills the batch
     * with uptodate pages from index pos / 4096 on and returns how many, or 0 if no page could
     * be allocated.
     */
    int getPages(AddressSpace space, Inode inode, FileRaState ra, long pos, long count, int pid, int cpu) {
        long index = pos >>> 12;
        long lastIndex = (pos + count + 4095) >>> 12;
        while (true) {
            int n = readBatch(space, index, lastIndex - 1);
            if (n == 0) {
                readahead.syncRa(ractl.of(space, inode, pid, cpu), ra, index, lastIndex - index);
                n = readBatch(space, index, lastIndex - 1);
                if (n > 0) {
                    readPath.traceMiss(space, index, batch[0], pid, cpu);
                }
            }
            if (n == 0) {
                return createFolio(space, inode, index, pid, cpu);
            }
            long last = batch[n - 1];
            long lastPageIndex = index + n - 1;
            if (memMap.testFlag(last, PageFlags.PG_readahead)) {
                readahead.asyncRa(ractl.of(space, inode, pid, cpu), ra, lastPageIndex, lastIndex - lastPageIndex);
            }
            if (readIo.isUptodate(last, io.taskNow())) {
                return n;
            }
            if (n > 1) {
                return n - 1;
            }
            readPath.waitLocked(last); // filemap_update_page(): then retry, now uptodate
        }
    }

    /** The {@code i}-th page of the batch the last {@link #getPages} filled. */
    long page(int i) {
        return batch[i];
    }

    /** The page index of the batch's first page. */
    long firstIndex() {
        return firstIndex;
    }

    /** filemap_get_read_batch(): contiguous cached pages from {@code index} to {@code max}. */
    private int readBatch(AddressSpace space, long index, long max) {
        firstIndex = index;
        int n = 0;
        long now = io.taskNow();
        for (long i = index; i <= max && n < PAGEVEC_SIZE; i++) {
            long pfn = space.lookup(i);
            if (pfn == AddressSpace.NONE) {
                break;
            }
            batch[n++] = pfn;
            if (!readIo.isUptodate(pfn, now) || memMap.testFlag(pfn, PageFlags.PG_readahead)) {
                break;
            }
        }
        return n;
    }

    /** filemap_create_folio(): one new page read synchronously; 0 if none could be allocated. */
    private int createFolio(AddressSpace space, Inode inode, long index, int pid, int cpu) {
        long pfn = readPath.readOnePage(space, inode, index, Gfp.GFP_HIGHUSER_MOVABLE, cpu);
        if (pfn == AddressSpace.NONE) {
            return 0;
        }
        readPath.traceMiss(space, index, pfn, pid, cpu);
        readPath.waitLocked(pfn);
        firstIndex = index;
        batch[0] = pfn;
        return 1;
    }
}
