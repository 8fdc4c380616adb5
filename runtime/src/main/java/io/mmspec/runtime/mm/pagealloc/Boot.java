package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.PageAllocator.MAX_PAGE_ORDER;

/**
 * Bringing the allocator up: the zone layout (mm/mm_init.c free_area_init()), the reserved
 * first page, memblock_free_all() handing every other page to the buddy lists
 * (mm/memblock.c __free_pages_memory(): the largest aligned blocks, in ascending pfn order, at
 * the list tails), the watermarks and the per-CPU page set sizes
 * (zone_set_pageset_high_and_batch(), zone_batchsize(), zone_highsize()).
 *
 * <pre>
 *   pfn 0          4096 (16 MiB)          1048576 (4 GiB)                totalPages
 *   | DMA          | DMA32                | Normal                        |   Movable: empty
 *   ^ pfn 0 reserved (PG_reserved, refcount 1): present, not managed
 * </pre>
 * No holes: every pfn below totalPages is RAM. Every zone boundary is 4 MiB aligned, so no free
 * block ever straddles two zones.
 */
final class Boot {
    static final long DMA_END_PFN = (16L << 20) >>> MemMap.PAGE_SHIFT;
    static final long DMA32_END_PFN = (4L << 30) >>> MemMap.PAGE_SHIFT;
    /** MIN_PERCPU_PAGELIST_HIGH_FRACTION: high_max is an eighth of the zone. */
    static final int MIN_PERCPU_PAGELIST_HIGH_FRACTION = 8;
    /** MIGRATE_TYPES with CMA and memory isolation configured: grouping needs 6 pageblocks. */
    static final int MIGRATE_TYPES = 6;

    private Boot() {
    }

    static Zone[] buildZones(long totalPages, int cpus, PristineBlocks pristine) {
        long[] starts = {0, DMA_END_PFN, DMA32_END_PFN, totalPages};
        long[] ends = {DMA_END_PFN, DMA32_END_PFN, totalPages, totalPages};
        Zone[] zones = new Zone[ZoneType.MAX_NR_ZONES];
        for (ZoneType type : ZoneType.values()) {
            int i = type.ordinal();
            long start = Math.min(starts[i], totalPages);
            long end = Math.min(ends[i], totalPages);
            long spanned = Math.max(0, end - start);
            long managed = spanned - (spanned > 0 && start == 0 ? 1 : 0);
            zones[i] = new Zone(type, spanned == 0 ? 0 : start, spanned, managed, cpus, pristine);
        }
        return zones;
    }

    /** The first page stays the firmware's, like the real-mode page the kernel never frees. */
    static void reserveFirstPage(MemMap map) {
        map.setFlag(0, PageFlags.PG_reserved);
        map.setRefcount(0, 1);
    }

    /** memblock_free_all(). */
    static void freeAllMemory(Zone[] zones, Buddy buddy) {
        for (Zone zone : zones) {
            if (zone.isPopulated()) {
                freeRange(zone, Math.max(zone.startPfn, 1), zone.endPfn(), buddy);
            }
        }
    }

    /** __free_pages_memory(): the largest aligned blocks; order-10 ones form the pristine run. */
    private static void freeRange(Zone zone, long start, long end, Buddy buddy) {
        long blockPages = 1L << MAX_PAGE_ORDER;
        while (start < end) {
            int order = start == 0 ? MAX_PAGE_ORDER : Math.min(MAX_PAGE_ORDER, Long.numberOfTrailingZeros(start));
            while (start + (1L << order) > end) {
                order--;
            }
            if (order == MAX_PAGE_ORDER) {
                long runEnd = end & -blockPages;
                zone.freeArea.addPristine(start, runEnd);
                Buddy.accountFreepages(zone, runEnd - start);
                start = runEnd;
            } else {
                buddy.freeOnePage(zone, start, order, MigrateType.MOVABLE.ordinal(), true);
                start += 1L << order;
            }
        }
    }

    static void applyWatermarks(Zone[] zones, Watermarks.Setup setup) {
        for (Zone zone : zones) {
            System.arraycopy(setup.watermarks()[zone.idx], 0, zone.watermark, 0, Zone.NR_WMARK);
            System.arraycopy(setup.lowmemReserve()[zone.idx], 0, zone.lowmemReserve, 0, ZoneType.MAX_NR_ZONES);
        }
    }

    /** setup_zone_pageset() for populated zones; the others keep the boot pageset (batch 1, high 0). */
    static void setupPagesets(Zone[] zones, int cpus) {
        for (Zone zone : zones) {
            if (!zone.isPopulated()) {
                continue;
            }
            int batch = zoneBatchsize(zone.managedPages);
            zone.pagesetBatch = batch;
            zone.pagesetHighMin = zoneHighsize(zone.wmarkPages(Zone.WMARK_LOW), batch, cpus);
            zone.pagesetHighMax = zoneHighsize(zone.managedPages / MIN_PERCPU_PAGELIST_HIGH_FRACTION, batch, cpus);
            for (PerCpuPages pcp : zone.pcp) {
                pcp.batch = batch;
                pcp.highMin = zone.pagesetHighMin;
                pcp.highMax = zone.pagesetHighMax;
            }
        }
    }

    /** zone_batchsize(): about 0.025% of the zone, at most 256 KiB, as 2^n - 1. */
    static int zoneBatchsize(long managed) {
        long batch = Math.min(managed >> 12, (256 << 10) / MemMap.PAGE_SIZE);
        if (batch <= 1) {
            return 1;
        }
        return (int) (Long.highestOneBit(batch + batch / 2) - 1);
    }

    /** zone_highsize(): totalPages split over the node's CPUs, at least 4 batches. */
    static int zoneHighsize(long totalPages, int batch, int cpus) {
        long high = totalPages / cpus;
        return (int) Math.max(high, (long) batch << 2);
    }
}
