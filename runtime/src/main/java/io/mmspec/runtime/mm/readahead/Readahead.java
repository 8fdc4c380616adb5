package io.mmspec.runtime.mm.readahead;

import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.Trace;

/**
 * On-demand readahead. Mirrors mm/readahead.c of Linux 6.18: page_cache_sync_ra(),
 * page_cache_async_ra(), force_page_cache_ra(), do_page_cache_ra(), page_cache_ra_unbounded(),
 * page_cache_ra_order() (for a mapping without large folios), get_init_ra_size(),
 * get_next_ra_size(), and mm/filemap.c: page_cache_prev_miss(), page_cache_next_miss().
 *
 * <p>The window (struct file_ra_state) of the most recent readahead:
 * <pre>
 *                        |&lt;----- async_size ---------|
 *     |------------------- size --------------------&gt;|
 *     |==================#===========================|
 *     ^start             ^page marked with PG_readahead
 * </pre>
 * A miss starts a window synchronously (the reader waits for the page it wants); a hit on the
 * marked page starts the next window asynchronously, so that a sequential reader finds its
 * pages already read. 4 KB reads of a file from index 0 with 32-page windows:
 * <pre>
 *   read 0  miss   sync  [0,4)    marker 1     init: roundup(1)=1 &lt;= 32/32 -&gt; 4, async 4-1=3
 *   read 1  marker async [4,12)   marker 4     next(4): 4 &lt;= 16 -&gt; 8
 *   read 4  marker async [12,28)  marker 12    next(8) = 16
 *   read 12 marker async [28,60)  marker 28    next(16) = 32
 *   read 28 marker async [60,92)  marker 60    32 pages per window from here on
 * </pre>
 * Each window is one trace event {@code readahead} (file, start, size, async_size, sync, and
 * pages: how many were not cached yet and so were read).
 */
public final class Readahead {
    /** force_page_cache_ra() reads in 2 MB chunks. */
    static final long FORCE_CHUNK_PAGES = (2L << 20) >>> 12;

    private final Trace trace;

    public Readahead(Trace trace) {
        this.trace = trace;
    }

    /**
     * get_init_ra_size(): the first window for a read of {@code size} pages: rounded up to a
     * power of two, then x4 when small, x2 when medium, else {@code max}.
     */
    public static long initRaSize(long size, long max) {
        long newsize = size <= 1 ? 1 : Long.highestOneBit(size - 1) << 1;
        if (newsize <= max / 32) {
            return newsize * 4;
        }
        if (newsize <= max / 4) {
            return newsize * 2;
        }
        return max;
    }

    /** get_next_ra_size(): the window after one of {@code cur} pages: x4, x2, then max. */
    public static long nextRaSize(long cur, long max) {
        if (cur < max / 16) {
            return 4 * cur;
        }
        if (cur <= max / 2) {
            return 2 * cur;
        }
        return max;
    }

    /**
     * page_cache_sync_ra(): a read of {@code reqCount} pages missed at {@code index}. Random
     * files read only what was asked; index 0, an oversized read or a sequential miss starts a
     * fresh window; otherwise the cached history before {@code index} decides.
     */
    public void syncRa(ReadaheadControl ractl, FileRaState ra, long index, long reqCount) {
        boolean forced = ra.random;
        if (ra.raPages == 0) {
            reqCount = 1;
            forced = true;
        }
        if (forced) {
            forceRa(ractl, ra, index, reqCount, true);
            return;
        }
        long maxPages = maxPages(ractl, ra, reqCount);
        long prevIndex = ra.prevPos >>> 12; // (unsigned long long)prev_pos >> PAGE_SHIFT
        if (index == 0 || reqCount > maxPages || Long.compareUnsigned(index - prevIndex, 1) <= 0) {
            ra.start = index;
            ra.size = initRaSize(reqCount, maxPages);
            ra.asyncSize = ra.size > reqCount ? ra.size - reqCount : ra.size >> 1;
        } else {
            long miss = prevMiss(ractl, index - 1, maxPages);
            long contig = index - miss - 1;
            if (contig <= reqCount) {
                // standalone, small random read: read as is, leave the window alone
                emit(ractl, index, reqCount, 0, true, doPageCacheRa(ractl, index, reqCount, 0));
                return;
            }
            if (miss == -1) {
                contig *= 2; // cached from the start of the file: a long stream
            }
            ra.start = index;
            ra.size = Math.min(contig + reqCount, maxPages);
            ra.asyncSize = 1;
        }
        ra.order = 0;
        raOrder(ractl, ra, true);
    }

    /**
     * page_cache_async_ra(): the reader reached the PG_readahead page at {@code index}. On the
     * expected marker the window moves forward and grows; on a stray marker (interleaved
     * streams) the next hole is found and the window sized from the pages cached before it.
     */
    public void asyncRa(ReadaheadControl ractl, FileRaState ra, long index, long reqCount) {
        if (ra.raPages == 0 || ractl.testWriteback(index)) {
            return; // PG_readahead is PG_reclaim: under writeback the bit means the latter
        }
        ractl.clearReadahead(index);
        long maxPages = maxPages(ractl, ra, reqCount);
        if (index == ra.start + ra.size - ra.asyncSize) {
            ra.start += ra.size;
            ra.size = Math.max(ra.size, nextRaSize(ra.size, maxPages));
        } else {
            long start = nextMiss(ractl, index + 1, maxPages);
            if (start == 0 || Long.compareUnsigned(start - index, maxPages) > 0) {
                return;
            }
            ra.start = start;
            ra.size = start - index + reqCount; // the old async_size, plus this read
            ra.size = nextRaSize(ra.size, maxPages);
        }
        ra.order += 2;
        long align = 1L << Math.min(ra.order, Long.numberOfTrailingZeros(maxPages));
        long end = ra.start + ra.size;
        long alignedEnd = end & -align;
        if (alignedEnd > ra.start) {
            ra.size -= end - alignedEnd;
        }
        ra.asyncSize = ra.size;
        raOrder(ractl, ra, false);
    }

    /**
     * force_page_cache_readahead() for POSIX_FADV_WILLNEED: reads {@code nrToRead} pages from
     * {@code index}, capped at max(io_pages, ra_pages), in 2 MB chunks, with no marker.
     */
    public void forcePageCacheReadahead(ReadaheadControl ractl, FileRaState ra, long index, long nrToRead) {
        forceRa(ractl, ra, index, nrToRead, false);
    }

    /** force_page_cache_ra(). */
    private void forceRa(ReadaheadControl ractl, FileRaState ra, long index, long nrToRead, boolean sync) {
        long maxPages = Math.max(ractl.ioPages(), ra.raPages);
        nrToRead = Math.min(nrToRead, maxPages);
        while (nrToRead > 0) {
            long chunk = Math.min(FORCE_CHUNK_PAGES, nrToRead);
            emit(ractl, index, chunk, 0, sync, doPageCacheRa(ractl, index, chunk, 0));
            index += chunk;
            nrToRead -= chunk;
        }
    }

    /** ractl_max_pages(): an oversized read may use up to the device's io_pages. */
    private static long maxPages(ReadaheadControl ractl, FileRaState ra, long reqSize) {
        long max = ra.raPages;
        if (reqSize > max && ractl.ioPages() > max) {
            max = Math.min(reqSize, ractl.ioPages());
        }
        return max;
    }

    /** page_cache_ra_order() of a mapping without large folios: order 0, the whole window. */
    private void raOrder(ReadaheadControl ractl, FileRaState ra, boolean sync) {
        ra.order = 0;
        long pages = doPageCacheRa(ractl, ra.start, ra.size, ra.asyncSize);
        emit(ractl, ra.start, ra.size, ra.asyncSize, sync, pages);
    }

    /**
     * do_page_cache_ra(): clips the read to the page holding the last byte of the file, then
     * page_cache_ra_unbounded(). Returns how many pages were added and read, or -1 when the
     * window lies wholly past the end of the file (nothing to do, no trace event).
     */
    long doPageCacheRa(ReadaheadControl ractl, long index, long nrToRead, long lookahead) {
        long isize = ractl.size();
        if (isize == 0) {
            return -1;
        }
        long endIndex = (isize - 1) >>> 12;
        if (index > endIndex) {
            return -1;
        }
        if (nrToRead > endIndex - index) {
            nrToRead = endIndex - index + 1;
        }
        return unbounded(ractl, index, nrToRead, lookahead);
    }

    /**
     * page_cache_ra_unbounded(): adds every missing page of the window (the one at
     * {@code nrToRead - lookahead} marked PG_readahead) and reads each contiguous batch as one
     * request; a page already cached ends a batch; no memory ends the window.
     */
    private static long unbounded(ReadaheadControl ractl, long index, long nrToRead, long lookahead) {
        long batchStart = index;
        int batch = 0;
        long added = 0;
        for (long i = 0; i < nrToRead; i++) {
            if (ractl.isCached(index + i)) {
                if (batch > 0) {
                    ractl.readPages(batchStart, batch);
                }
                batchStart = index + i + 1;
                batch = 0;
                continue;
            }
            if (!ractl.addLockedPage(index + i, i == nrToRead - lookahead)) {
                break;
            }
            batch++;
            added++;
        }
        if (batch > 0) {
            ractl.readPages(batchStart, batch);
        }
        return added;
    }

    /**
     * page_cache_prev_miss(): the highest index in [index - maxScan + 1, index] with no page;
     * -1 (ULONG_MAX) if the scan ran below index 0; index - maxScan if every page is cached.
     */
    static long prevMiss(ReadaheadControl ractl, long index, long maxScan) {
        for (long i = 0; i < maxScan; i++) {
            long at = index - i;
            if (at < 0) {
                return -1;
            }
            if (!ractl.isCached(at)) {
                return at;
            }
        }
        return index - maxScan;
    }

    /** page_cache_next_miss(): the lowest index in [index, index + maxScan) with no page, else index + maxScan. */
    static long nextMiss(ReadaheadControl ractl, long index, long maxScan) {
        for (long i = 0; i < maxScan; i++) {
            if (!ractl.isCached(index + i)) {
                return index + i;
            }
        }
        return index + maxScan;
    }

    /** One trace event per window that reaches into the file ({@code pages} &gt;= 0). */
    void emit(ReadaheadControl ractl, long start, long size, long asyncSize, boolean sync, long pages) {
        if (pages < 0) {
            return;
        }
        trace.event(EventKind.READAHEAD, ractl.cpu(), ractl.pid())
                .with("file", ractl.path()).with("start", start).with("size", size)
                .with("async_size", asyncSize).with("sync", sync).with("pages", pages).emit();
    }
}
