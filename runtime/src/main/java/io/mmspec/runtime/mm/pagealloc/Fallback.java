package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.AllocFlags.ALLOC_KSWAPD;
import static io.mmspec.runtime.mm.pagealloc.AllocFlags.ALLOC_NOFRAGMENT;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.MAX_PAGE_ORDER;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.NO_PAGE;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.NR_PAGE_ORDERS;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.PAGEBLOCK_NR_PAGES;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.PAGEBLOCK_ORDER;

/**
 * Taking memory of another migratetype when a type's own lists are empty. Mirrors
 * mm/page_alloc.c: __rmqueue() with its rmqueue_mode, __rmqueue_claim(), __rmqueue_steal(),
 * find_suitable_fallback(), should_try_claim_block(), try_to_claim_block(), boost_watermark(),
 * prep_move_freepages_block() and __move_freepages_block().
 *
 * <pre>
 * fallbacks:  UNMOVABLE   -&gt; RECLAIMABLE, MOVABLE
 *             MOVABLE     -&gt; RECLAIMABLE, UNMOVABLE
 *             RECLAIMABLE -&gt; UNMOVABLE,   MOVABLE
 * claim: the largest foreign block; a whole pageblock or more changes type outright, a smaller
 *        one takes its pageblock only if at least half of it is free or alike
 * steal: the smallest foreign block, its pageblock keeps its type (not with ALLOC_NOFRAGMENT)
 * </pre>
 */
final class Fallback {
    static final int RMQUEUE_NORMAL = 0;
    static final int RMQUEUE_CLAIM = 2;
    static final int RMQUEUE_STEAL = 3;

    private static final int[][] FALLBACKS = {
        {MigrateType.RECLAIMABLE.ordinal(), MigrateType.MOVABLE.ordinal()},
        {MigrateType.RECLAIMABLE.ordinal(), MigrateType.UNMOVABLE.ordinal()},
        {MigrateType.UNMOVABLE.ordinal(), MigrateType.MOVABLE.ordinal()},
    };
    private static final int MOVABLE = MigrateType.MOVABLE.ordinal();

    private final Buddy buddy;
    private final MemMap memMap;
    /** Where the last __rmqueue() of a bulk refill found pages; reset per zone-lock hold. */
    private int mode = RMQUEUE_NORMAL;

    Fallback(Buddy buddy) {
        this.buddy = buddy;
        this.memMap = buddy.memMap();
    }

    /** A new rmqueue_bulk() or rmqueue_buddy() call: enum rmqueue_mode rmqm = RMQUEUE_NORMAL. */
    void beginRmqueue() {
        mode = RMQUEUE_NORMAL;
    }

    /** __rmqueue(): own lists, then claiming a block, then stealing (fall through in order). */
    @SuppressWarnings("fallthrough")
    long rmqueue(Zone zone, int order, int mt, int allocFlags) {
        long page;
        switch (mode) {
            case RMQUEUE_NORMAL:
                page = buddy.rmqueueSmallest(zone, order, mt);
                if (page != NO_PAGE) {
                    return page;
                }
                // fall through (CMA is not modelled)
            case RMQUEUE_CLAIM:
                page = rmqueueClaim(zone, order, mt, allocFlags);
                if (page != NO_PAGE) {
                    mode = RMQUEUE_NORMAL;
                    return page;
                }
                // fall through
            case RMQUEUE_STEAL:
                if ((allocFlags & ALLOC_NOFRAGMENT) == 0) {
                    page = rmqueueSteal(zone, order, mt);
                    if (page != NO_PAGE) {
                        mode = RMQUEUE_STEAL;
                        return page;
                    }
                }
                return NO_PAGE;
            default:
                throw new IllegalStateException("rmqueue mode " + mode);
        }
    }

    /** __rmqueue_claim(). */
    private long rmqueueClaim(Zone zone, int order, int startMt, int allocFlags) {
        int minOrder = order;
        if (order < PAGEBLOCK_ORDER && (allocFlags & ALLOC_NOFRAGMENT) != 0) {
            minOrder = PAGEBLOCK_ORDER;
        }
        for (int current = MAX_PAGE_ORDER; current >= minOrder; current--) {
            int fallbackMt = findSuitableFallback(zone, current, startMt, true);
            if (fallbackMt == -1) {
                continue;
            }
            if (fallbackMt == -2) {
                break;
            }
            long pfn = zone.freeArea.first(current, fallbackMt);
            long page = tryToClaimBlock(zone, pfn, current, order, startMt, fallbackMt, allocFlags);
            if (page != NO_PAGE) {
                return page;
            }
        }
        return NO_PAGE;
    }

    /** __rmqueue_steal(). */
    private long rmqueueSteal(Zone zone, int order, int startMt) {
        for (int current = order; current < NR_PAGE_ORDERS; current++) {
            int fallbackMt = findSuitableFallback(zone, current, startMt, false);
            if (fallbackMt == -1) {
                continue;
            }
            long pfn = zone.freeArea.first(current, fallbackMt);
            buddy.pageDelAndExpand(zone, pfn, order, current, fallbackMt);
            return pfn;
        }
        return NO_PAGE;
    }

    /** find_suitable_fallback(): a fallback type with a block of this order, -1 none, -2 stop. */
    int findSuitableFallback(Zone zone, int order, int mt, boolean claimable) {
        if (claimable && !shouldTryClaimBlock(order, mt)) {
            return -2;
        }
        if (zone.freeArea.nrFree(order) == 0) {
            return -1;
        }
        for (int fallbackMt : FALLBACKS[mt]) {
            if (!zone.freeArea.isEmpty(order, fallbackMt)) {
                return fallbackMt;
            }
        }
        return -1;
    }

    /** should_try_claim_block(). */
    private boolean shouldTryClaimBlock(int order, int startMt) {
        return order >= PAGEBLOCK_ORDER / 2 || startMt != MOVABLE || buddy.mobilityDisabled();
    }

    /** try_to_claim_block(). */
    private long tryToClaimBlock(Zone zone, long pfn, int current, int order, int startMt, int blockMt,
                                 int allocFlags) {
        if (current >= PAGEBLOCK_ORDER) {
            buddy.delPageFromFreeList(zone, pfn, current, blockMt);
            buddy.changePageblockRange(pfn, current, startMt);
            long added = buddy.expand(zone, pfn, order, current, startMt);
            Buddy.accountFreepages(zone, added);
            return pfn;
        }
        if (boostWatermark(zone) && (allocFlags & ALLOC_KSWAPD) != 0) {
            zone.boostedWatermark = true;
        }
        long start = pfn & -PAGEBLOCK_NR_PAGES;
        if (!zone.spans(start) || !zone.spans(start + PAGEBLOCK_NR_PAGES - 1)) {
            return NO_PAGE;
        }
        long[] freeAndMovable = countPageblock(start);
        long alike;
        if (startMt == MOVABLE) {
            alike = freeAndMovable[1];
        } else {
            alike = blockMt == MOVABLE ? PAGEBLOCK_NR_PAGES - (freeAndMovable[0] + freeAndMovable[1]) : 0;
        }
        if (freeAndMovable[0] + alike >= (1 << (PAGEBLOCK_ORDER - 1)) || buddy.mobilityDisabled()) {
            moveFreepagesBlock(zone, start, blockMt, startMt);
            buddy.setPageblockMigratetype(start, startMt);
            return buddy.rmqueueSmallest(zone, order, startMt);
        }
        return NO_PAGE;
    }

    /** prep_move_freepages_block()'s count: {free pages, movable (LRU) pages} of a pageblock. */
    private long[] countPageblock(long start) {
        long free = 0;
        long movable = 0;
        for (long pfn = start; pfn < start + PAGEBLOCK_NR_PAGES; ) {
            int order = memMap.buddyOrder(pfn);
            if (order >= 0) {
                free += 1L << order;
                pfn += 1L << order;
                continue;
            }
            if (memMap.testFlag(pfn, PageFlags.PG_lru)) {
                movable++;
            }
            pfn++;
        }
        return new long[] {free, movable};
    }

    /** __move_freepages_block(): every free block of the pageblock to the new type's list tail. */
    private void moveFreepagesBlock(Zone zone, long start, int oldMt, int newMt) {
        for (long pfn = start; pfn < start + PAGEBLOCK_NR_PAGES; ) {
            int order = memMap.buddyOrder(pfn);
            if (order < 0) {
                pfn++;
                continue;
            }
            buddy.moveToFreeList(zone, pfn, order, oldMt, newMt);
            pfn += 1L << order;
        }
    }

    /** boost_watermark(): raise the watermarks so kswapd reclaims further after a fallback. */
    static boolean boostWatermark(Zone zone) {
        if (Watermarks.WATERMARK_BOOST_FACTOR == 0 || PAGEBLOCK_NR_PAGES * 4 > zone.managedPages) {
            return false;
        }
        long maxBoost = Watermarks.multFrac(zone.watermark[Zone.WMARK_HIGH], Watermarks.WATERMARK_BOOST_FACTOR, 10000);
        if (maxBoost == 0) {
            return false;
        }
        maxBoost = Math.max(PAGEBLOCK_NR_PAGES, maxBoost);
        zone.watermarkBoost = Math.min(zone.watermarkBoost + PAGEBLOCK_NR_PAGES, maxBoost);
        return true;
    }
}
