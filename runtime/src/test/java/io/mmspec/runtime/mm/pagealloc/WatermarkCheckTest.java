package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.MB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * __zone_watermark_ok() and its reserves on a 16 MiB machine (DMA only: 4095 managed pages)
 * with the explicit triple min 800 low 1000 high 1200, which all goes to DMA. GFP_KERNEL's
 * highest zone is Normal, and DMA.lowmem_reserve[Normal] = (0 + 0 + 0) / 256 = 0.
 */
class WatermarkCheckTest {
    private static final int NORMAL = ZoneType.NORMAL.ordinal();

    private final RecordingHooks hooks = new RecordingHooks();
    private final PageAllocator a = new PageAllocator(PageAllocConfig.of(16 * MB, 1)
            .withWatermarks(new WatermarkTriple(800, 1000, 1200)), hooks);
    private final Zone dma = Machines.zone(a, ZoneType.DMA);

    @Test
    void eachGfpDigsAsDeepAsItsReserveRightsAllow() {
        assertThat(dma.watermark).containsExactly(800, 1000, 1200, 1400);
        // GFP_KERNEL in the slow path: MIN, no reserves -> needs free > 800
        assertBoundary(SlowPath.gfpToAllocFlags(Gfp.GFP_KERNEL, 0, AllocContext.NONE), 800);
        // GFP_NOWAIT: ALLOC_NON_BLOCK without __GFP_HIGH lowers nothing -> free > 800
        assertBoundary(SlowPath.gfpToAllocFlags(Gfp.GFP_NOWAIT, 0, AllocContext.NONE), 800);
        // __GFP_HIGH that may sleep: min - min/2 = 400
        assertBoundary(SlowPath.gfpToAllocFlags(Gfp.GFP_KERNEL.or(Gfp.__GFP_HIGH), 0, AllocContext.NONE), 400);
        // GFP_ATOMIC: 800 - 400 = 400, then 400 - 400/4 = 300: 3/8 of min
        assertBoundary(SlowPath.gfpToAllocFlags(Gfp.GFP_ATOMIC, 0, AllocContext.NONE), 300);
        // a blocking real-time task gets ALLOC_MIN_RESERVE: 400
        assertBoundary(SlowPath.gfpToAllocFlags(Gfp.GFP_KERNEL, 0, AllocContext.RT_TASK), 400);
        // an OOM victim: ALLOC_OOM replaces the flags: 800 - 400 = 400
        int oom = SlowPath.gfpPfmemallocFlags(Gfp.GFP_KERNEL, AllocContext.OOM_VICTIM);
        assertThat(oom).isEqualTo(AllocFlags.ALLOC_OOM);
        assertBoundary(oom, 400);
        // PF_MEMALLOC ignores the watermarks; __GFP_NOMEMALLOC forbids that
        assertThat(SlowPath.gfpPfmemallocFlags(Gfp.GFP_KERNEL, AllocContext.PF_MEMALLOC))
                .isEqualTo(AllocFlags.ALLOC_NO_WATERMARKS);
        assertThat(SlowPath.gfpPfmemallocFlags(Gfp.GFP_KERNEL.or(Gfp.__GFP_NOMEMALLOC), AllocContext.PF_MEMALLOC))
                .isZero();
    }

    @Test
    void higherOrdersDiscountTheUnusablePagesAndNeedABlock() {
        int flags = SlowPath.gfpToAllocFlags(Gfp.GFP_KERNEL, 2, AllocContext.NONE);
        // unusable = (1 << 2) - 1 = 3: free - 3 > 800
        assertThat(WatermarkCheck.zoneWatermarkOk(dma, 2, 800, NORMAL, flags, 804)).isTrue();
        assertThat(WatermarkCheck.zoneWatermarkOk(dma, 2, 800, NORMAL, flags, 803)).isFalse();
        // with plenty of pages counted free but no block of order >= 2 on any list: refused
        PageAllocator tiny = new PageAllocator(PageAllocConfig.of(8192, 1).withThp(false));
        Zone only = Machines.zone(tiny, ZoneType.DMA);
        assertThat(WatermarkCheck.zoneWatermarkOk(only, 2, 0, NORMAL, flags, 1000)).isFalse();
        assertThat(WatermarkCheck.zoneWatermarkOk(only, 0, 0, NORMAL, flags, 1000)).isTrue();
    }

    /**
     * End to end. Three order-10 and one order-9 GFP_ATOMIC allocations leave pfn 1..511 free:
     * 511 pages, below min 800. GFP_KERNEL and GFP_NOWAIT fail; GFP_ATOMIC succeeds while
     * NR_FREE_PAGES &gt; 300 when it checks. Its per-CPU refills grow 1, 2, 4, 8, 16, then 32
     * (alloc_factor stops at 5): after 192 pages NR_FREE_PAGES is 511 - 63 - 32 * 5 = 288, and
     * the 193rd fails although 31 pages sit on the per-CPU list: the watermark comes first.
     */
    @Test
    void gfpAtomicSucceedsBelowMinWhereGfpKernelAndGfpNowaitFail() {
        for (int i = 0; i < 3; i++) {
            assertThat(a.allocPages(10, Gfp.GFP_ATOMIC, 0)).isEqualTo(1024L * (i + 1));
        }
        assertThat(a.allocPages(9, Gfp.GFP_ATOMIC, 0)).isEqualTo(512);
        assertThat(dma.nrFreePages).isEqualTo(511);

        assertThat(a.allocPages(0, Gfp.GFP_KERNEL, 0)).isEqualTo(PageAllocator.NO_PAGE);
        assertThat(hooks.directReclaims).isEqualTo(1);
        assertThat(hooks.ooms).isEqualTo(1);
        assertThat(hooks.warnings).isEqualTo(1);
        assertThat(a.allocPages(0, Gfp.GFP_NOWAIT, 0)).isEqualTo(PageAllocator.NO_PAGE);
        // GFP_NOWAIT neither reclaims nor warns (__GFP_NOWARN)
        assertThat(hooks.directReclaims).isEqualTo(1);
        assertThat(hooks.warnings).isEqualTo(1);

        int granted = 0;
        while (a.allocPages(0, Gfp.GFP_ATOMIC, 0) != PageAllocator.NO_PAGE) {
            granted++;
        }
        assertThat(granted).isEqualTo(192);
        assertThat(dma.nrFreePages).isEqualTo(288);
        assertThat(a.zone(ZoneType.DMA).pcpCount(0)).isEqualTo(31);
        // GFP_ATOMIC never enters direct reclaim
        assertThat(hooks.directReclaims).isEqualTo(1);
        assertThat(hooks.warnings).isEqualTo(2);
        a.checkInvariants();
    }

    private void assertBoundary(int allocFlags, long lowestRefused) {
        assertThat(WatermarkCheck.zoneWatermarkOk(dma, 0, 800, NORMAL, allocFlags, lowestRefused + 1))
                .as("free %d with flags 0x%x", lowestRefused + 1, allocFlags).isTrue();
        assertThat(WatermarkCheck.zoneWatermarkOk(dma, 0, 800, NORMAL, allocFlags, lowestRefused))
                .as("free %d with flags 0x%x", lowestRefused, allocFlags).isFalse();
    }
}
