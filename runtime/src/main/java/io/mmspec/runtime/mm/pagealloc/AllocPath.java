package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.AllocFlags.*;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.MAX_PAGE_ORDER;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.NO_PAGE;

/**
 * The allocation fast path. Mirrors mm/page_alloc.c: __alloc_pages() (set_page_refcounted()),
 * __alloc_frozen_pages(), prepare_alloc_pages(), alloc_flags_nofragment(),
 * get_page_from_freelist(), rmqueue(), rmqueue_buddy(), prep_new_page() and post_alloc_hook().
 *
 * <pre>
 * zonelist (highest allowed zone first):  Normal -&gt; DMA32 -&gt; DMA
 *   per zone: above high? use it.  Else mark ZONE_BELOW_HIGH and check the request's mark
 *             (LOW on the fast path, MIN in the slow path) + lowmem_reserve[highest zone]
 *   ALLOC_NOFRAGMENT (preferred zone Normal): no foreign pageblocks below pageblock order on
 *             the first pass; a second pass drops it
 * </pre>
 */
final class AllocPath {
    private final Node node;

    AllocPath(Node node) {
        this.node = node;
    }

    /** __alloc_pages(): the fast path at the LOW watermark, then the slow path. */
    long allocPages(int order, Gfp gfp, int cpu, int task) {
        if (order < 0) {
            throw new IllegalArgumentException("negative order " + order);
        }
        node.checkCpu(cpu);
        if (order > MAX_PAGE_ORDER) {
            return NO_PAGE;
        }
        int highest = gfp.zone().ordinal();
        int mt = node.buddy.mobilityDisabled() ? MigrateType.UNMOVABLE.ordinal() : gfp.migratetype().ordinal();
        int preferred = node.firstZoneIdx(highest);
        int allocFlags = ALLOC_WMARK_LOW | allocFlagsNofragment(node.zones[preferred], gfp);
        long page = getPageFromFreelist(gfp, order, allocFlags, highest, mt, cpu);
        if (page == NO_PAGE) {
            page = new SlowPath(node, this, gfp, order, highest, mt, cpu, task).run();
        }
        if (page != NO_PAGE) {
            node.memMap.setRefcount(page, 1);
        }
        return page;
    }

    /** alloc_flags_nofragment(): ALLOC_KSWAPD from the gfp, and ALLOC_NOFRAGMENT for Normal. */
    static int allocFlagsNofragment(Zone preferred, Gfp gfp) {
        int flags = gfp.mask() & Gfp.__GFP_KSWAPD_RECLAIM.mask();
        if (preferred.type == ZoneType.NORMAL) {
            flags |= ALLOC_NOFRAGMENT;
        }
        return flags;
    }

    /** get_page_from_freelist(). */
    long getPageFromFreelist(Gfp gfp, int order, int allocFlags, int highest, int mt, int cpu) {
        int preferred = node.firstZoneIdx(highest);
        while (true) {
            boolean noFallback = (allocFlags & ALLOC_NOFRAGMENT) != 0;
            for (int zi = preferred; zi >= 0; zi--) {
                Zone zone = node.zones[zi];
                if (!zone.isPopulated() || !zoneAllows(zone, order, allocFlags, highest)) {
                    continue;
                }
                long page = rmqueue(zone, order, allocFlags, mt, cpu);
                if (page != NO_PAGE) {
                    prepNewPage(zone, page, order, gfp);
                    return page;
                }
            }
            if (!noFallback) {
                return NO_PAGE;
            }
            allocFlags &= ~ALLOC_NOFRAGMENT;
        }
    }

    /** The watermark part of get_page_from_freelist()'s zone loop. */
    private boolean zoneAllows(Zone zone, int order, int allocFlags, int highest) {
        if (!zone.belowHigh) {
            if (WatermarkCheck.zoneWatermarkFast(zone, order, zone.wmarkPages(Zone.WMARK_HIGH), highest, allocFlags)) {
                return true;
            }
            zone.belowHigh = true;
        }
        long mark = zone.wmarkPages(allocFlags & ALLOC_WMARK_MASK);
        return WatermarkCheck.zoneWatermarkFast(zone, order, mark, highest, allocFlags)
                || (allocFlags & ALLOC_NO_WATERMARKS) != 0;
    }

    /** rmqueue(): the per-CPU lists for small orders, else the buddy lists. */
    private long rmqueue(Zone zone, int order, int allocFlags, int mt, int cpu) {
        long page = NO_PAGE;
        if (PcpLists.pcpAllowedOrder(order)) {
            page = node.pcpLists.rmqueuePcplist(zone, zone.pcp[cpu], order, mt, allocFlags);
        }
        if (page == NO_PAGE) {
            node.fallback.beginRmqueue();
            page = node.fallback.rmqueue(zone, order, mt, allocFlags);
        }
        if (page != NO_PAGE) {
            node.events.pgalloc[zone.idx] += 1L << order;
        }
        if ((allocFlags & ALLOC_KSWAPD) != 0 && zone.boostedWatermark) {
            zone.boostedWatermark = false;
            node.hooks.wakeKswapd(zone.type, new Gfp(0), 0, zone.type);
        }
        return page;
    }

    /**
     * prep_new_page() and post_alloc_hook(). Pages are zeroed when freed (init_on_free), so
     * __GFP_ZERO finds them clear and, as in the kernel, does not zero them again.
     */
    private void prepNewPage(Zone zone, long pfn, int order, Gfp gfp) {
        MemMap map = node.memMap;
        if (map.refcount(pfn) != 0 || map.mapcount(pfn) != 0 || map.isBuddy(pfn) || map.hasData(pfn)) {
            throw new IllegalStateException(String.format("BUG: Bad page state: pfn:%05x is not free to hand out",
                    pfn));
        }
        if (map.pagePrivate(pfn) != 0) {
            map.setPagePrivate(pfn, 0);
        }
        if (order > 0 && gfp.has(Gfp.__GFP_COMP)) {
            map.prepCompound(pfn, order);
        }
        zone.nrAllocated += 1L << order;
    }
}
