package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.PageAllocator.MAX_PAGE_ORDER;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.NO_PAGE;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.NR_PAGE_ORDERS;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.PAGEBLOCK_ORDER;

/**
 * The buddy algorithm proper. Mirrors mm/page_alloc.c: __rmqueue_smallest(), expand(),
 * page_del_and_expand(), __free_one_page(), buddy_merge_likely(), split_large_buddy(),
 * change_pageblock_range(), set_pageblock_migratetype() and the free-list helpers.
 *
 * <pre>
 * split (expand), request order 2 from an order-3 block at P:
 *     P                 P+4
 *     [ 0  1  2  3 ][ 4  5  6  7 ]      keep the lower half P,
 *                   ^ order-2 list head  the upper half P+4 heads the order-2 list
 *
 * merge (__free_one_page), free order k at pfn:
 *     buddy = pfn ^ (1 &lt;&lt; k)      free at order k? unlink it, pfn &amp;= buddy, k++, repeat
 *     stop below MAX_PAGE_ORDER; add at the tail if the next-higher buddy is free
 *     (buddy_merge_likely), else at the head
 * </pre>
 */
final class Buddy {
    private final MemMap memMap;
    private final boolean mobilityDisabled;

    Buddy(MemMap memMap, boolean mobilityDisabled) {
        this.memMap = memMap;
        this.mobilityDisabled = mobilityDisabled;
    }

    MemMap memMap() {
        return memMap;
    }

    boolean mobilityDisabled() {
        return mobilityDisabled;
    }

    /** __rmqueue_smallest(): the smallest free block of the migratetype, split down to order. */
    long rmqueueSmallest(Zone zone, int order, int mt) {
        for (int current = order; current < NR_PAGE_ORDERS; current++) {
            long pfn = zone.freeArea.first(current, mt);
            if (pfn == NO_PAGE) {
                continue;
            }
            pageDelAndExpand(zone, pfn, order, current, mt);
            return pfn;
        }
        return NO_PAGE;
    }

    /** page_del_and_expand(). */
    void pageDelAndExpand(Zone zone, long pfn, int low, int high, int mt) {
        long pages = 1L << high;
        delFreeBlockKeepCount(zone, pfn, high, mt);
        pages -= expand(zone, pfn, low, high, mt);
        accountFreepages(zone, -pages);
    }

    /** expand(): halve [pfn, 2^high) down to 2^low, each upper half to the head of its list. */
    long expand(Zone zone, long pfn, int low, int high, int mt) {
        long size = 1L << high;
        long added = 0;
        while (high > low) {
            high--;
            size >>= 1;
            zone.freeArea.add(pfn + size, high, mt, false);
            memMap.setBuddy(pfn + size, high);
            added += size;
        }
        return added;
    }

    /** __free_one_page(): account, merge with free buddies, add to a list. */
    void freeOnePage(Zone zone, long pfn, int order, int mt, boolean toTail) {
        accountFreepages(zone, 1L << order);
        long buddyPfn = 0;
        while (order < MAX_PAGE_ORDER) {
            buddyPfn = pfn ^ (1L << order);
            if (!pageIsBuddy(zone, buddyPfn, order)) {
                break;
            }
            // all modelled migratetypes are mergeable; at pageblock size the buddy keeps its own
            int buddyMt = order >= PAGEBLOCK_ORDER ? memMap.pageblockMt(buddyPfn) : mt;
            delFreeBlockKeepCount(zone, buddyPfn, order, buddyMt);
            if (buddyMt != mt) {
                changePageblockRange(buddyPfn, order, mt);
            }
            pfn &= buddyPfn;
            order++;
        }
        memMap.setBuddy(pfn, order);
        boolean tail = toTail || buddyMergeLikely(zone, pfn, buddyPfn, order);
        zone.freeArea.add(pfn, order, mt, tail);
    }

    /** del_page_from_free_list(): off the list, no longer PageBuddy, out of NR_FREE_PAGES. */
    void delPageFromFreeList(Zone zone, long pfn, int order, int mt) {
        delFreeBlockKeepCount(zone, pfn, order, mt);
        accountFreepages(zone, -(1L << order));
    }

    /** move_to_free_list(): to the tail of another migratetype's list. */
    void moveToFreeList(Zone zone, long pfn, int order, int oldMt, int newMt) {
        zone.freeArea.remove(pfn, order, oldMt);
        zone.freeArea.add(pfn, order, newMt, true);
    }

    /** split_large_buddy(): free a block larger than a pageblock one pageblock at a time. */
    void splitLargeBuddy(Zone zone, long pfn, int order, boolean toTail) {
        long end = pfn + (1L << order);
        int step = Math.min(order, PAGEBLOCK_ORDER);
        for (; pfn < end; pfn += 1L << step) {
            freeOnePage(zone, pfn, step, memMap.pageblockMt(pfn), toTail);
        }
    }

    /** page_is_buddy(): a free head of exactly this order in the same zone. */
    boolean pageIsBuddy(Zone zone, long pfn, int order) {
        return zone.spans(pfn) && memMap.buddyOrder(pfn) == order;
    }

    /** change_pageblock_range(). */
    void changePageblockRange(long pfn, int order, int mt) {
        int pageblocks = 1 << (order - PAGEBLOCK_ORDER);
        for (int i = 0; i < pageblocks; i++) {
            setPageblockMigratetype(pfn + ((long) i << PAGEBLOCK_ORDER), mt);
        }
    }

    /** set_pageblock_migratetype(): without grouping by mobility every pcp type is UNMOVABLE. */
    void setPageblockMigratetype(long pfn, int mt) {
        if (mobilityDisabled && mt < MigrateType.MIGRATE_PCPTYPES) {
            mt = MigrateType.UNMOVABLE.ordinal();
        }
        memMap.setPageblockMt(pfn, mt);
    }

    int pageblockMt(long pfn) {
        return memMap.pageblockMt(pfn);
    }

    /** account_freepages(): NR_FREE_PAGES (isolate, CMA and highatomic counts are not modelled). */
    static void accountFreepages(Zone zone, long pages) {
        zone.nrFreePages += pages;
    }

    /** __del_page_from_free_list(): the pages stay counted as free (they merge or are re-added). */
    private void delFreeBlockKeepCount(Zone zone, long pfn, int order, int mt) {
        zone.freeArea.remove(pfn, order, mt);
        memMap.clearBuddy(pfn);
    }

    /** buddy_merge_likely(): is the buddy of the next-larger block free too? */
    private boolean buddyMergeLikely(Zone zone, long pfn, long buddyPfn, int order) {
        if (order >= MAX_PAGE_ORDER - 1) {
            return false;
        }
        long higher = buddyPfn & pfn;
        return pageIsBuddy(zone, higher ^ (1L << (order + 1)), order + 1);
    }
}
