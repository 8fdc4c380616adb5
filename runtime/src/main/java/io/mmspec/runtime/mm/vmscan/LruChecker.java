package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.pagealloc.ZoneType;

/**
 * Recounts the LRU lists: every folio on a list is allocated and referenced, has PG_lru, and
 * its PG_active / PG_unevictable / PG_swapbacked name that very list; links agree both ways;
 * the sizes, the per-zone sizes and NR_MLOCK equal the recount. A folio with PG_lru that is on
 * no list would show up as a size mismatch.
 */
final class LruChecker {
    private final Lruvec lruvec;
    private final MemMap memMap;
    private final PageAllocator allocator;

    LruChecker(Lruvec lruvec, MemMap memMap, PageAllocator allocator) {
        this.lruvec = lruvec;
        this.memMap = memMap;
        this.allocator = allocator;
    }

    void check(FolioList[] lists, long[] pages, long[][] zonePages, long nrMlock) {
        long mlocked = 0;
        for (LruList lru : LruList.values()) {
            FolioList list = lists[lru.ordinal()];
            long[] zones = new long[ZoneType.MAX_NR_ZONES];
            long total = 0;
            long entries = 0;
            long last = LruLinks.NONE;
            for (long pfn = list.head(); pfn != LruLinks.NONE; pfn = list.next(pfn)) {
                if (list.prev(pfn) != last) {
                    fail(lru + ": pfn " + pfn + " links back to " + list.prev(pfn) + ", not " + last);
                }
                checkFolio(lru, pfn);
                long nr = lruvec.nrPages(pfn);
                total += nr;
                zones[allocator.zoneOf(pfn).ordinal()] += nr;
                mlocked += memMap.testFlag(pfn, PageFlags.PG_mlocked) ? nr : 0;
                last = pfn;
                entries++;
            }
            if (list.tail() != last || list.entries() != entries) {
                fail(lru + ": tail " + list.tail() + " and " + list.entries() + " entries, but the walk ends at "
                        + last + " after " + entries);
            }
            if (total != pages[lru.ordinal()] || !java.util.Arrays.equals(zones, zonePages[lru.ordinal()])) {
                fail(lru + " holds " + total + " pages " + java.util.Arrays.toString(zones) + " but its size says "
                        + pages[lru.ordinal()] + " " + java.util.Arrays.toString(zonePages[lru.ordinal()]));
            }
        }
        if (mlocked != nrMlock) {
            fail("NR_MLOCK is " + nrMlock + " but " + mlocked + " pages on the lists are mlocked");
        }
    }

    private void checkFolio(LruList lru, long pfn) {
        if (memMap.isFree(pfn) || memMap.refcount(pfn) == 0) {
            fail(lru + " holds pfn " + pfn + ", which is free");
        }
        if (!memMap.testFlag(pfn, PageFlags.PG_lru)) {
            fail(lru + " holds pfn " + pfn + " without PG_lru");
        }
        if (lruvec.lruOf(pfn) != lru) {
            fail("pfn " + pfn + " with flags " + PageFlags.format(memMap.flags(pfn)) + " belongs on "
                    + lruvec.lruOf(pfn) + " but is on " + lru);
        }
        if ((lru == LruList.UNEVICTABLE) == lruvec.isEvictable(pfn)) {
            fail("pfn " + pfn + " is " + (lruvec.isEvictable(pfn) ? "evictable" : "mlocked") + " but on " + lru);
        }
    }

    private static void fail(String message) {
        throw new IllegalStateException("LRU invariant violated: " + message);
    }
}
