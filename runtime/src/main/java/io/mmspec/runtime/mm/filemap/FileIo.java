package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.readahead.FileRaState;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.CostModel;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;

/**
 * read(2) and write(2) through the page cache. Mirrors mm/filemap.c: filemap_read() (pages in
 * batches from {@link FilemapGetPages}, with readahead; folio_mark_accessed() on each page
 * except a repeat of the page the last read ended in; ra-&gt;prev_pos kept for the next
 * read's sequential test) and generic_perform_write() (write_begin: an uncached page is added,
 * and read first only if the write covers part of it and it lies inside the old file size;
 * then the bytes, folio_mark_dirty(), i_size, and balance_dirty_pages_ratelimited()).
 * Each page copied costs one memory access.
 */
public final class FileIo {
    private final PageCache cache;
    private final MemMap memMap;
    private final CostMeter meter;
    private final CostModel costs;

    public FileIo(PageCache cache, MemMap memMap, CostMeter meter, CostModel costs) {
        this.cache = cache;
        this.memMap = memMap;
        this.meter = meter;
        this.costs = costs;
    }

    /** Reads up to {@code len} bytes at {@code offset}; fewer at the end of the file. */
    public byte[] read(Inode inode, long offset, int len, int pid, int cpu) {
        AddressSpace space = cache.mapping(inode);
        FileRaState ra = cache.readPath().raState(pid, space);
        long isize = inode.size();
        long end = Math.min(isize, offset + len);
        byte[] out = new byte[(int) Math.max(0, end - offset)];
        long pos = offset;
        long lastPos = ra.prevPos();
        while (pos < offset + len && pos < isize) {
            FilemapGetPages pages = cache.getPages();
            int n = pages.getPages(space, inode, ra, pos, offset + len - pos, pid, cpu);
            if (n == 0) {
                throw new SyscallException(Errno.ENOMEM, "no memory for a page-cache page of " + inode.path());
            }
            long endOffset = Math.min(inode.size(), offset + len);
            if ((pos >> 12) != ((lastPos - 1) >> 12)) {
                cache.lru().markAccessed(pages.page(0)); // a read of the same page again is one access
            }
            for (int i = 0; i < n; i++) {
                long pagePos = (pages.firstIndex() + i) << 12;
                if (endOffset < pagePos) {
                    break;
                }
                if (i > 0) {
                    cache.lru().markAccessed(pages.page(i));
                }
                int inPage = (int) (pos & 0xfff);
                int bytes = (int) Math.min(endOffset - pos, 4096 - inPage);
                memMap.readBytes(pages.page(i), inPage, out, (int) (pos - offset), bytes);
                meter.charge(costs.memoryAccessNs());
                pos += bytes;
                lastPos = pos;
            }
        }
        ra.setPrevPos(lastPos);
        return out;
    }

    /** Writes {@code data} at {@code offset}, growing the file if needed. */
    public void write(Inode inode, long offset, byte[] data, int pid, int cpu) {
        AddressSpace space = cache.mapping(inode);
        long end = offset + data.length;
        long pos = offset;
        while (pos < end) {
            int inPage = (int) (pos & 0xfff);
            int n = (int) Math.min(4096 - inPage, end - pos);
            long pfn = writeBegin(space, inode, pos >>> 12, n == 4096, inode.size(), pid, cpu);
            memMap.writeBytes(pfn, inPage, data, (int) (pos - offset), n);
            inode.growTo(pos + n);
            cache.markDirty(pfn, pid, cpu);
            meter.charge(costs.memoryAccessNs());
            cache.balanceDirtyPagesRatelimited(inode, pid, cpu);
            pos += n;
        }
    }

    /**
     * write_begin (__filemap_get_folio(FGP_WRITEBEGIN) and block_write_begin()): the page to
     * write into, waiting for a read in flight; a new page is read first only when part of it
     * stays and that part lies inside the file.
     */
    private long writeBegin(AddressSpace space, Inode inode, long index, boolean wholePage, long oldSize,
                            int pid, int cpu) {
        ReadPath readPath = cache.readPath();
        long pfn = space.lookup(index);
        if (pfn != AddressSpace.NONE) {
            readPath.waitLocked(pfn);
            return pfn;
        }
        boolean mustRead = !wholePage && (index << 12) < oldSize;
        Gfp gfp = Gfp.GFP_HIGHUSER_MOVABLE.or(Gfp.__GFP_WRITE);
        pfn = mustRead ? readPath.readOnePage(space, inode, index, gfp, cpu)
                : cache.newUptodatePage(space, index, gfp, cpu);
        if (pfn == AddressSpace.NONE) {
            throw new SyscallException(Errno.ENOMEM, "no memory for a page-cache page of " + inode.path());
        }
        if (mustRead) {
            readPath.traceMiss(space, index, pfn, pid, cpu);
            readPath.waitLocked(pfn);
        }
        return pfn;
    }

    /** fsync(2). */
    public long fsync(Inode inode, int pid, int cpu) {
        return cache.fsync(inode, pid, cpu);
    }
}
