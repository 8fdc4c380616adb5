package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.MB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Grouping by mobility: claiming whole blocks, keeping movable and unmovable apart, boosting. */
class FallbackTest {

    @Test
    void aFirstUnmovableAllocationClaimsAWholeFreeBlock() {
        PageAllocator a = Machines.bootThpOff(64 * MB, 1);
        long movable = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        long unmovable = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        // DMA32 has 12 order-10 blocks: MOVABLE takes the first (its own type), UNMOVABLE claims
        // the next whole block (current order 10 >= pageblock order) rather than mixing with it
        assertThat(movable).isEqualTo(4096);
        assertThat(unmovable).isEqualTo(5120);
        MemMap map = a.memMap();
        assertThat(map.pageblockMigratetype(4096)).isEqualTo(MigrateType.MOVABLE);
        assertThat(map.pageblockMigratetype(5120)).isEqualTo(MigrateType.UNMOVABLE);
        assertThat(map.pageblockMigratetype(5632)).isEqualTo(MigrateType.UNMOVABLE);
        ZoneView dma32 = a.zone(ZoneType.DMA32);
        // the rest of the claimed block sits on UNMOVABLE lists: 1023 pages less the 3-page refill
        assertThat(dma32.freeBlocks(9, MigrateType.UNMOVABLE)).isEqualTo(1);
        assertThat(dma32.freeBlocks(9, MigrateType.MOVABLE)).isEqualTo(1);
        a.checkInvariants();
    }

    @Test
    void boostsAZoneByAPageblockAtMostOncePerBoostLimit() {
        PageAllocator a = Machines.bootThpOff(64 * MB, 1);
        Zone dma32 = Machines.zone(a, ZoneType.DMA32);
        // high 285: max_boost = max(512, 285 * 15000 / 10000 = 427) = 512
        assertThat(Fallback.boostWatermark(dma32)).isTrue();
        assertThat(dma32.watermarkBoost).isEqualTo(512);
        assertThat(Fallback.boostWatermark(dma32)).isTrue();
        assertThat(dma32.watermarkBoost).isEqualTo(512);
        assertThat(a.zone(ZoneType.DMA32).highWatermark()).isEqualTo(285 + 512);
        a.clearWatermarkBoost(ZoneType.DMA32);
        assertThat(a.zone(ZoneType.DMA32).highWatermark()).isEqualTo(285);
        // a zone smaller than 4 pageblocks is never boosted: 4 MiB = 1023 managed pages
        PageAllocator tiny = Machines.boot(4 * MB, 1);
        assertThat(Fallback.boostWatermark(Machines.zone(tiny, ZoneType.DMA))).isFalse();
    }

    /**
     * 16 MiB, DMA only. PF_MEMALLOC takes every page as UNMOVABLE, claiming every pageblock.
     * One page comes back. A MOVABLE order-0 request then finds no MOVABLE block and no block
     * of order &gt;= 4 to claim (should_try_claim_block() refuses smaller ones for MOVABLE), so
     * it steals the lone UNMOVABLE page and leaves its pageblock UNMOVABLE.
     */
    @Test
    void stealsASinglePageWhenOnlyUnmovableFragmentsRemain() {
        PageAllocator a = Machines.boot(16 * MB, 1);
        long last = PageAllocator.NO_PAGE;
        long pfn;
        while ((pfn = a.allocPages(0, Gfp.GFP_KERNEL, 0, AllocContext.PF_MEMALLOC)) != PageAllocator.NO_PAGE) {
            last = pfn;
        }
        ZoneView dma = a.zone(ZoneType.DMA);
        assertThat(dma.nrFreePages()).isZero();
        assertThat(dma.pcpPages()).isZero();
        for (long p = 512; p < 4096; p += 512) {
            assertThat(a.memMap().pageblockMigratetype(p)).isEqualTo(MigrateType.UNMOVABLE);
        }
        a.freePages(last, 0, 0);
        a.drainAllPages();
        assertThat(dma.freeBlocks(0, MigrateType.UNMOVABLE)).isEqualTo(1);

        long stolen = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0, AllocContext.PF_MEMALLOC);
        assertThat(stolen).isEqualTo(last);
        assertThat(a.memMap().pageblockMigratetype(stolen)).isEqualTo(MigrateType.UNMOVABLE);
        a.checkInvariants();
    }

    @Test
    void aTinyMachineDoesNotGroupByMobility() {
        // 8 MiB = 2047 managed pages < pageblock 512 * MIGRATE_TYPES 6 = 3072
        PageAllocator a = Machines.boot(8 * MB, 1);
        assertThat(a.mobilityGroupingDisabled()).isTrue();
        long pfn = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        assertThat(pfn).isNotEqualTo(PageAllocator.NO_PAGE);
        // every allocation is UNMOVABLE; claimed pageblocks become UNMOVABLE
        assertThat(a.memMap().pageblockMigratetype(pfn)).isEqualTo(MigrateType.UNMOVABLE);
        a.checkInvariants();
    }
}
