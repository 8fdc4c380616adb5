package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.CostModel;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;

/**
 * read(2) and write(2) through the page cache. Mirrors mm/filemap.c: filemap_read() (each page
 * looked up, read from the disk on a miss, then copied out) and generic_perform_write() (a
 * partial write of an uncached page reads it first, then the bytes are copied in and the page
 * marked dirty; writeback happens later, on fsync or sync).
 * Readahead is not done here yet: every miss reads one page (mm/readahead.c arrives with the
 * memory-pressure slice).
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
        long end = Math.min(inode.size(), offset + len);
        if (offset >= end) {
            return new byte[0];
        }
        byte[] out = new byte[(int) (end - offset)];
        long pos = offset;
        while (pos < end) {
            long pfn = page(inode, pos >>> 12, pid, cpu);
            int inPage = (int) (pos & 0xfff);
            int n = (int) Math.min(4096 - inPage, end - pos);
            memMap.readBytes(pfn, inPage, out, (int) (pos - offset), n);
            meter.charge(costs.memoryAccessNs());
            pos += n;
        }
        return out;
    }

    /** Writes {@code data} at {@code offset}, growing the file if needed. */
    public void write(Inode inode, long offset, byte[] data, int pid, int cpu) {
        long end = offset + data.length;
        inode.growTo(end);
        long pos = offset;
        while (pos < end) {
            long pfn = page(inode, pos >>> 12, pid, cpu);
            int inPage = (int) (pos & 0xfff);
            int n = (int) Math.min(4096 - inPage, end - pos);
            memMap.writeBytes(pfn, inPage, data, (int) (pos - offset), n);
            cache.markDirty(pfn);
            meter.charge(costs.memoryAccessNs());
            pos += n;
        }
    }

    private long page(Inode inode, long index, int pid, int cpu) {
        long pfn = cache.getPage(inode, index, pid, cpu);
        if (pfn < 0) {
            throw new SyscallException(Errno.ENOMEM, "no memory for a page-cache page of " + inode.path());
        }
        return pfn;
    }
}
