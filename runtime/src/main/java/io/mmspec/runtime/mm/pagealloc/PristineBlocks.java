package io.mmspec.runtime.mm.pagealloc;

/**
 * The free MAX_PAGE_ORDER blocks no one has touched since boot, one contiguous run per zone.
 *
 * <p>memblock_free_all() hands each zone to the buddy allocator as 4 MiB blocks added to the
 * tail of the MOVABLE order-10 list in ascending pfn order. Keeping that run as a range instead
 * of 262144 list entries is what lets a 1 TiB machine boot in a few MB: the zone's order-10
 * MOVABLE list is its explicit entries with this run [next, end) sitting where the boot frees
 * left it, and a block leaves the run only from its front (it is only ever taken as the list's
 * first entry, never merged: merging stops below order 10).
 */
final class PristineBlocks {
    static final long BLOCK_PAGES = 1L << PageAllocator.MAX_PAGE_ORDER;

    private final long[] next = new long[ZoneType.MAX_NR_ZONES];
    private final long[] end = new long[ZoneType.MAX_NR_ZONES];

    void set(int zone, long start, long stop) {
        next[zone] = start;
        end[zone] = stop;
    }

    long next(int zone) {
        return next[zone];
    }

    long end(int zone) {
        return end[zone];
    }

    long blocks(int zone) {
        return (end[zone] - next[zone]) / BLOCK_PAGES;
    }

    /** The front block of the zone's run leaves it. */
    void advance(int zone) {
        next[zone] += BLOCK_PAGES;
    }

    boolean contains(long pfn) {
        for (int zone = 0; zone < next.length; zone++) {
            if (pfn >= next[zone] && pfn < end[zone]) {
                return true;
            }
        }
        return false;
    }

    /** PageBuddy() for a block of the run: its first page. */
    boolean isHead(long pfn) {
        return (pfn & (BLOCK_PAGES - 1)) == 0 && contains(pfn);
    }
}
