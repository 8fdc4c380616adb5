package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.AllocFlags.*;

/**
 * Whether a zone may serve a request. Mirrors mm/page_alloc.c: __zone_watermark_ok(),
 * zone_watermark_fast(), __zone_watermark_unusable_free().
 *
 * <pre>
 *   fail if  free - ((1 &lt;&lt; order) - 1)  &lt;=  min' + lowmem_reserve[highest_zoneidx]
 *
 *   min' = mark                        no reserves (GFP_KERNEL, GFP_NOWAIT)
 *        - min/2                       ALLOC_MIN_RESERVE (__GFP_HIGH)
 *        - then a further quarter      ... with ALLOC_NON_BLOCK (GFP_ATOMIC: 3/8 of min left)
 *        - then half again             ALLOC_OOM (an OOM victim)
 * </pre>
 * An order &gt; 0 request also needs a free block of at least that order. HIGHATOMIC and CMA
 * free pages are never present in this model, so they subtract nothing.
 */
final class WatermarkCheck {
    private WatermarkCheck() {
    }

    static long unusableFree(int order) {
        return (1L << order) - 1;
    }

    static boolean zoneWatermarkOk(Zone zone, int order, long mark, int highestZoneidx, int allocFlags,
                                   long freePages) {
        long min = mark;
        freePages -= unusableFree(order);
        if ((allocFlags & ALLOC_RESERVES) != 0) {
            if ((allocFlags & ALLOC_MIN_RESERVE) != 0) {
                min -= min / 2;
                if ((allocFlags & ALLOC_NON_BLOCK) != 0) {
                    min -= min / 4;
                }
            }
            if ((allocFlags & ALLOC_OOM) != 0) {
                min -= min / 2;
            }
        }
        if (freePages <= min + zone.lowmemReserve[highestZoneidx]) {
            return false;
        }
        return order == 0 || hasFreeBlock(zone, order);
    }

    /** zone_watermark_ok() against NR_FREE_PAGES. */
    static boolean zoneWatermarkOk(Zone zone, int order, long mark, int highestZoneidx, int allocFlags) {
        return zoneWatermarkOk(zone, order, mark, highestZoneidx, allocFlags, zone.nrFreePages);
    }

    /** zone_watermark_fast(): the order-0 shortcut, then the full check. */
    static boolean zoneWatermarkFast(Zone zone, int order, long mark, int highestZoneidx, int allocFlags) {
        long free = zone.nrFreePages;
        if (order == 0) {
            long usable = free - Math.min(free, unusableFree(0));
            if (usable > mark + zone.lowmemReserve[highestZoneidx]) {
                return true;
            }
        }
        if (zoneWatermarkOk(zone, order, mark, highestZoneidx, allocFlags, free)) {
            return true;
        }
        // __GFP_HIGH order-0 requests ignore the boost when checking the min watermark
        if (order == 0 && (allocFlags & ALLOC_MIN_RESERVE) != 0 && zone.watermarkBoost != 0
                && (allocFlags & ALLOC_WMARK_MASK) == ALLOC_WMARK_MIN) {
            return zoneWatermarkOk(zone, order, zone.watermark[Zone.WMARK_MIN], highestZoneidx, allocFlags, free);
        }
        return false;
    }

    private static boolean hasFreeBlock(Zone zone, int order) {
        for (int o = order; o < PageAllocator.NR_PAGE_ORDERS; o++) {
            if (zone.freeArea.nrFree(o) == 0) {
                continue;
            }
            for (int mt = 0; mt < MigrateType.MIGRATE_PCPTYPES; mt++) {
                if (!zone.freeArea.isEmpty(o, mt)) {
                    return true;
                }
            }
        }
        return false;
    }
}
