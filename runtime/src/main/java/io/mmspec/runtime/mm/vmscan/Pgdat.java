package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.pagealloc.MigrateType;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.mm.pagealloc.ZoneView;

/**
 * The reclaim state of the one node (pg_data_t): kswapd_failures, the kswapd request
 * (kswapd_order, kswapd_highest_zoneidx), PGDAT_WRITEBACK, and the watermark tests kswapd sleeps
 * on. Mirrors mm/vmscan.c: pgdat_balanced(), pgdat_watermark_boosted(), and the order-aware
 * part of mm/page_alloc.c: __zone_watermark_ok() with no reserves (alloc_flags 0).
 */
final class Pgdat {
    /** MAX_RECLAIM_RETRIES: this many kswapd runs without progress make the node hopeless. */
    static final int MAX_RECLAIM_RETRIES = 16;
    /** MIGRATE_PCPTYPES: the free lists a watermark test of order &gt; 0 may count. */
    private static final MigrateType[] PCPTYPES = MigrateType.values();

    private final PageAllocator allocator;
    int kswapdFailures;
    int kswapdOrder;
    /** MAX_NR_ZONES means "no request yet". */
    int kswapdHighestZoneidx = ZoneType.MAX_NR_ZONES;
    boolean writeback;

    Pgdat(PageAllocator allocator) {
        this.allocator = allocator;
    }

    ZoneView zone(int idx) {
        return allocator.zone(ZoneType.values()[idx]);
    }

    /** kswapd_test_hopeless(). */
    boolean hopeless() {
        return kswapdFailures >= MAX_RECLAIM_RETRIES;
    }

    /** pgdat_balanced(): some managed zone up to {@code highest} is above high + boost for {@code order}. */
    boolean balanced(int order, int highest) {
        boolean anyManaged = false;
        for (int z = 0; z <= highest; z++) {
            ZoneView zone = zone(z);
            if (zone.managedPages() == 0) {
                continue;
            }
            anyManaged = true;
            if (watermarkOk(zone, order, zone.highWatermark(), highest)) {
                return true;
            }
        }
        return !anyManaged;
    }

    /** pgdat_watermark_boosted(). */
    boolean watermarkBoosted(int highest) {
        for (int z = highest; z >= 0; z--) {
            if (zone(z).managedPages() != 0 && zone(z).watermarkBoost() != 0) {
                return true;
            }
        }
        return false;
    }

    /** Σ high_wmark_pages() of the managed zones up to {@code highest}. */
    long totalHighWmark(int highest) {
        long total = 0;
        for (int z = 0; z <= highest; z++) {
            if (zone(z).managedPages() != 0) {
                total += zone(z).highWatermark();
            }
        }
        return total;
    }

    /** sum_zone_node_page_state(NR_FREE_PAGES). */
    long freePages() {
        return allocator.nrFreePages();
    }

    /** __zone_watermark_ok() with alloc_flags 0. */
    static boolean watermarkOk(ZoneView zone, int order, long mark, int highest) {
        long free = zone.nrFreePages() - ((1L << order) - 1);
        if (free <= mark + zone.lowmemReserve(ZoneType.values()[highest])) {
            return false;
        }
        if (order == 0) {
            return true;
        }
        for (int o = order; o <= PageAllocator.MAX_PAGE_ORDER; o++) {
            for (MigrateType mt : PCPTYPES) {
                if (zone.freeBlocks(o, mt) > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
