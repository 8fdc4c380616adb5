package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.GB;
import static io.mmspec.runtime.mm.pagealloc.Machines.MB;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.NO_PAGE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** gfp_zone() and the zonelist: the highest allowed zone first, lower zones as fallback. */
class ZoneSelectionTest {

    @Test
    void gfpDmaAllocatesFromTheDmaZoneOnly() {
        PageAllocator a = Machines.boot(64 * MB, 1);
        Gfp dma = Gfp.GFP_KERNEL.or(Gfp.GFP_DMA);
        int pages = 0;
        long pfn;
        while ((pfn = a.allocPages(0, dma, 0)) != NO_PAGE) {
            assertThat(a.zoneOf(pfn)).isEqualTo(ZoneType.DMA);
            pages++;
        }
        // DMA ran out at its min watermark while DMA32 still has 12288 free. The min is 199 with
        // THP, plus a boost of 512 from claiming the small MOVABLE blocks of pageblock 0 for
        // UNMOVABLE pages: min(0 + 512, max(512, high 297 * 15000 / 10000 = 445)) = 512
        assertThat(pages).isPositive();
        assertThat(a.counter("pgalloc_dma")).isEqualTo(pages);
        ZoneView dmaZone = a.zone(ZoneType.DMA);
        assertThat(dmaZone.watermarkBoost()).isEqualTo(512);
        assertThat(dmaZone.minWatermark()).isEqualTo(199 + 512);
        assertThat(dmaZone.nrFreePages()).isLessThanOrEqualTo(dmaZone.minWatermark());
        assertThat(a.zone(ZoneType.DMA32).nrFreePages()).isEqualTo(12288);
        // GFP_DMA never reaches the OOM killer: the request's highest zone is below Normal
        long other = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        assertThat(a.zoneOf(other)).isEqualTo(ZoneType.DMA32);
        a.checkInvariants();
    }

    @Test
    void eachGfpStartsAtItsHighestZone() {
        PageAllocator a = Machines.boot(16 * GB, 2);
        assertThat(a.zoneOf(a.allocPages(0, Gfp.GFP_KERNEL, 0))).isEqualTo(ZoneType.NORMAL);
        assertThat(a.zoneOf(a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0))).isEqualTo(ZoneType.NORMAL);
        assertThat(a.zoneOf(a.allocPages(0, Gfp.GFP_KERNEL.or(Gfp.GFP_DMA32), 0))).isEqualTo(ZoneType.DMA32);
        assertThat(a.zoneOf(a.allocPages(0, Gfp.GFP_KERNEL.or(Gfp.GFP_DMA), 0))).isEqualTo(ZoneType.DMA);
        assertThat(a.counter("pgalloc_normal")).isEqualTo(2);
        assertThat(a.counter("pgalloc_dma32")).isEqualTo(1);
        assertThat(a.counter("pgalloc_dma")).isEqualTo(1);
    }

    /**
     * 4 GiB + 64 MiB: Normal has 16384 pages. Filling it spills into DMA32, never into DMA
     * first: DMA keeps lowmem_reserve[Normal] = (1044480 + 16384) / 256 = 4144 pages back from
     * Normal-capable requests, more than its 4095 managed pages, so it never serves them.
     */
    @Test
    void spillsFromNormalToDma32AndProtectsDma() {
        PageAllocator a = Machines.boot(4 * GB + 64 * MB, 1);
        assertThat(a.zone(ZoneType.DMA).lowmemReserve(ZoneType.NORMAL)).isEqualTo(4144);
        long pfn;
        boolean spilled = false;
        for (int i = 0; i < 20000; i++) {
            pfn = a.allocPages(0, Gfp.GFP_KERNEL, 0);
            ZoneType zone = a.zoneOf(pfn);
            assertThat(zone).isNotEqualTo(ZoneType.DMA);
            if (zone == ZoneType.DMA32) {
                spilled = true;
            }
        }
        assertThat(spilled).isTrue();
        a.checkInvariants();
    }
}
