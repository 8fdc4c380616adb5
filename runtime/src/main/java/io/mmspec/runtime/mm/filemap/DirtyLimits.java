package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.mm.pagealloc.PageAllocator;

/**
 * How much dirty page cache the machine tolerates. Mirrors mm/page-writeback.c:
 * global_dirtyable_memory() and domain_dirty_limits() for the global domain (no memcg, no
 * real-time bonus, no highmem).
 *
 * <pre>
 *   dirtyable  = free - min(free, totalreserve) + Active(file) + Inactive(file) + 1
 *   thresh     = dirty_bytes ? pages(dirty_bytes) : (dirty_ratio * 4096 / 100) * dirtyable / 4096
 *   bg_thresh  = likewise with dirty_background_*;  bg_thresh &gt;= thresh -&gt; thresh / 2
 * </pre>
 * The ratios are quantised to 1/4096: 20% is 819/4096 and 10% is 409/4096. These are
 * /proc/vmstat's nr_dirty_threshold and nr_dirty_background_threshold.
 */
final class DirtyLimits {
    private static final long PAGE_SIZE = 4096;
    private static final long UINT_MAX = 0xffff_ffffL;

    private final PageAllocator allocator;
    private final Mappings mappings;
    private final DirtyConfig config;

    DirtyLimits(PageAllocator allocator, Mappings mappings, DirtyConfig config) {
        this.allocator = allocator;
        this.mappings = mappings;
        this.config = config;
    }

    /** global_dirtyable_memory(). */
    long dirtyableMemory() {
        long x = allocator.nrFreePages();
        x -= Math.min(x, allocator.totalreservePages());
        x += mappings.lru().fileLruPages();
        return x + 1;
    }

    /** The dirty threshold (domain_dirty_limits()' thresh) for {@code avail} dirtyable pages. */
    long thresh(long avail) {
        long thresh = config.dirtyBytes() > 0 ? divRoundUp(config.dirtyBytes(), PAGE_SIZE)
                : (config.dirtyRatio() * PAGE_SIZE / 100) * avail / PAGE_SIZE;
        return Math.min(thresh, UINT_MAX);
    }

    /** The background threshold (bg_thresh) for {@code avail} dirtyable pages. */
    long bgThresh(long avail) {
        long thresh = thresh(avail);
        long bg = config.dirtyBackgroundBytes() > 0 ? divRoundUp(config.dirtyBackgroundBytes(), PAGE_SIZE)
                : (config.dirtyBackgroundRatio() * PAGE_SIZE / 100) * avail / PAGE_SIZE;
        return bg >= thresh ? thresh / 2 : bg;
    }

    /** nr_dirty_threshold. */
    long dirtyThreshold() {
        return thresh(dirtyableMemory());
    }

    /** nr_dirty_background_threshold. */
    long backgroundThreshold() {
        return bgThresh(dirtyableMemory());
    }

    private static long divRoundUp(long n, long d) {
        return (n + d - 1) / d;
    }
}
