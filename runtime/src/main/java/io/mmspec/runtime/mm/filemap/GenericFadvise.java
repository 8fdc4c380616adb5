package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.readahead.Fadvise;
import io.mmspec.runtime.mm.readahead.FileRaState;
import io.mmspec.runtime.mm.readahead.Readahead;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;

/**
 * posix_fadvise(2). Mirrors mm/fadvise.c: generic_fadvise().
 *
 * <pre>
 *   NORMAL      ra_pages = the device's; FMODE_RANDOM and FMODE_NOREUSE cleared
 *   RANDOM      FMODE_RANDOM: a miss reads only the pages asked for
 *   SEQUENTIAL  ra_pages = 2 x the device's; FMODE_RANDOM cleared
 *   WILLNEED    force_page_cache_readahead() of the range, capped at max(io_pages, ra_pages)
 *               pages: a larger range is not read whole
 *   DONTNEED    start writeback of the range (WB_SYNC_NONE, no wait), then drop its clean,
 *               unmapped whole pages (a partial first or last page is kept)
 *   NOREUSE     FMODE_NOREUSE (no effect on reclaim is modelled)
 * </pre>
 * {@code len} 0 means to the end of the file.
 */
final class GenericFadvise {
    private final Readahead readahead;
    private final RaControl ractl;
    private final Writeback writeback;
    private final Invalidate invalidate;
    private final IoClock io;

    GenericFadvise(Readahead readahead, RaControl ractl, Writeback writeback, Invalidate invalidate, IoClock io) {
        this.readahead = readahead;
        this.ractl = ractl;
        this.writeback = writeback;
        this.invalidate = invalidate;
        this.io = io;
    }

    void fadvise(AddressSpace space, Inode inode, FileRaState ra, long offset, long len, Fadvise advice,
                 int pid, int cpu) {
        if (offset < 0 || len < 0) {
            throw new SyscallException(Errno.EINVAL, "fadvise: negative offset or length");
        }
        long endbyte = offset + len;
        endbyte = len == 0 || endbyte < len ? Long.MAX_VALUE : endbyte - 1; // inclusive
        int bdiRaPages = inode.device().raPages();
        switch (advice) {
            case NORMAL -> {
                ra.setRaPages(bdiRaPages);
                ra.setRandom(false);
                ra.setNoreuse(false);
            }
            case RANDOM -> ra.setRandom(true);
            case SEQUENTIAL -> {
                ra.setRaPages(bdiRaPages * 2);
                ra.setRandom(false);
            }
            case WILLNEED -> {
                long start = offset >>> 12;
                long nrpages = (endbyte >>> 12) - start + 1;
                readahead.forcePageCacheReadahead(ractl.of(space, inode, pid, cpu), ra, start,
                        nrpages <= 0 ? Long.MAX_VALUE : nrpages);
            }
            case NOREUSE -> ra.setNoreuse(true);
            case DONTNEED -> dontneed(space, inode, offset, endbyte, pid, cpu);
        }
    }

    /** POSIX_FADV_DONTNEED: first and last whole page only. */
    private void dontneed(AddressSpace space, Inode inode, long offset, long endbyte, int pid, int cpu) {
        writeback.writeRange(space, offset >>> 12, endbyte >>> 12, false, "fadvise", io.taskNow(), pid, cpu);
        long startIndex = (offset + 4095) >>> 12;
        long endIndex = endbyte >>> 12;
        if ((endbyte & 0xfff) != 0xfff && endbyte != inode.size() - 1) {
            if (endIndex == 0) {
                return;
            }
            endIndex--;
        }
        if (endIndex >= startIndex) {
            invalidate.range(space, startIndex, endIndex, cpu);
        }
    }
}
