package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.GB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Numbers derived by hand from calculate_min_free_kbytes(), set_recommended_min_free_kbytes(),
 * __setup_per_zone_wmarks() and setup_per_zone_lowmem_reserve(); each comment shows the sums.
 */
class WatermarksTest {
    /** The reference 6.18 machine M of kernel-facts.md: DMA 3840, DMA32 772808, Normal 393216. */
    private static final long[] REFERENCE_MANAGED = {3840, 772808, 393216, 0};

    @Test
    void reproducesTheReferenceMachinesDma32WatermarksWithThp() {
        // lowmem = 3840 + 772808 + 393216 = 1169864 pages = 4679456 kB; int_sqrt(x16) = 8652 kB
        assertThat(Watermarks.calculateMinFreeKbytes(REFERENCE_MANAGED)).isEqualTo(8652);
        PageAllocConfig thp = PageAllocConfig.of(GB, 2);
        Watermarks.Setup setup = Watermarks.compute(REFERENCE_MANAGED, thp);
        // THP: 512 * 3 zones * (2 + 3*3) = 16896 pages = 67584 kB (5% cap: 1165366/20 = 58268 pages)
        assertThat(setup.minFreeKbytes()).isEqualTo(67584);
        // min = 16896 * 772808 / 1169864 = 11161; delta = max(11161/4, 772808*10/10000) = 2790
        assertThat(setup.watermarks()[1]).containsExactly(11161, 13951, 16741, 19531);
        // the empty Movable zone: clamp(0/1024, 32, 128) = 32, delta 0
        assertThat(setup.watermarks()[3]).containsExactly(32, 32, 32, 32);
        // DMA protection: 772808/256 = 3018; (772808 + 393216)/256 = 4554
        assertThat(setup.lowmemReserve()[0]).containsExactly(0, 3018, 4554, 4554);
        assertThat(setup.lowmemReserve()[1]).containsExactly(0, 0, 1536, 1536);
    }

    @Test
    void sizesThe16GbMachineWithoutThp() {
        PageAllocator a = Machines.bootThpOff(16 * GB, 4);
        // managed: DMA 4096 - 1 reserved = 4095, DMA32 1044480, Normal 3145728; sum 4194303
        // int_sqrt(4194303 * 4 * 16 = 268435392) = 16383 (16384^2 = 268435456 is one step too far)
        assertThat(a.minFreeKbytes()).isEqualTo(16383);
        // pages_min 4095. DMA: 4095*4095/4194303 = 3, delta max(0, 4) = 4
        assertWatermarks(a, ZoneType.DMA, 3, 7, 11);
        // DMA32: 4095*1044480/4194303 = 1019, delta max(254, 1044) = 1044
        assertWatermarks(a, ZoneType.DMA32, 1019, 2063, 3107);
        // Normal: 4095*3145728/4194303 = 3071, delta max(767, 3145) = 3145
        assertWatermarks(a, ZoneType.NORMAL, 3071, 6216, 9361);
    }

    @Test
    void sizesThe16GbMachineWithThp() {
        PageAllocator a = Machines.boot(16 * GB, 4);
        // 16896 pages (cap 4181824/20 = 209091) -> 67584 kB, pages_min 16896
        assertThat(a.minFreeKbytes()).isEqualTo(67584);
        // DMA: 16896*4095/4194303 = 16, delta max(4, 4) = 4
        assertWatermarks(a, ZoneType.DMA, 16, 20, 24);
        // DMA32: 16896*1044480/4194303 = 4207, delta max(1051, 1044) = 1051
        assertWatermarks(a, ZoneType.DMA32, 4207, 5258, 6309);
        // Normal: 16896*3145728/4194303 = 12672, delta max(3168, 3145) = 3168
        assertWatermarks(a, ZoneType.NORMAL, 12672, 15840, 19008);
        // protection of DMA: 1044480/256 = 4080, (1044480+3145728)/256 = 16368
        assertThat(a.zone(ZoneType.DMA).lowmemReserve(ZoneType.DMA32)).isEqualTo(4080);
        assertThat(a.zone(ZoneType.DMA).lowmemReserve(ZoneType.NORMAL)).isEqualTo(16368);
        assertThat(a.zone(ZoneType.DMA32).lowmemReserve(ZoneType.NORMAL)).isEqualTo(3145728 / 256);
        // sum over zones of min(managed, high + largest reserve): 24+16368, 6309+12288, 19008, 0
        assertThat(a.totalreservePages()).isEqualTo(41700);
    }

    @Test
    void sizesThe8GbMachineWithAndWithoutThp() {
        // managed 4095, 1044480, 1048576: sum 2097151; int_sqrt(134217664) = 11585 kB
        PageAllocator off = Machines.bootThpOff(8 * GB, 2);
        assertThat(off.minFreeKbytes()).isEqualTo(11585);
        // pages_min 2896: DMA32 2896*1044480/2097151 = 1442, delta max(360, 1044) = 1044
        assertWatermarks(off, ZoneType.DMA32, 1442, 2486, 3530);
        // Normal 2896*1048576/2097151 = 1448, delta max(362, 1048) = 1048
        assertWatermarks(off, ZoneType.NORMAL, 1448, 2496, 3544);

        PageAllocator on = Machines.boot(8 * GB, 2);
        assertThat(on.minFreeKbytes()).isEqualTo(67584);
        // 16896*1044480/2097151 = 8415, delta max(2103, 1044) = 2103
        assertWatermarks(on, ZoneType.DMA32, 8415, 10518, 12621);
        // 16896*1048576/2097151 = 8448, delta 2112
        assertWatermarks(on, ZoneType.NORMAL, 8448, 10560, 12672);
    }

    @Test
    void userMinFreeKbytesWinsOverThp() {
        PageAllocator a = new PageAllocator(PageAllocConfig.of(16 * GB, 4).withMinFreeKbytes(4096));
        assertThat(a.minFreeKbytes()).isEqualTo(4096);
        // pages_min 1024: Normal 1024*3145728/4194303 = 768, delta max(192, 3145) = 3145
        assertWatermarks(a, ZoneType.NORMAL, 768, 3913, 7058);
    }

    @Test
    void splitsTheSeedsExplicitTripleByManagedPages() {
        PageAllocator a = new PageAllocator(PageAllocConfig.of(16 * GB, 4)
                .withWatermarks(new WatermarkTriple(2500, 5000, 10000)));
        // each value * managed / 4194303, rounded down
        assertWatermarks(a, ZoneType.DMA, 2, 4, 9);
        assertWatermarks(a, ZoneType.DMA32, 622, 1245, 2490);
        assertWatermarks(a, ZoneType.NORMAL, 1875, 3750, 7500);
        assertWatermarks(a, ZoneType.MOVABLE, 0, 0, 0);
    }

    @Test
    void rendersTheZoneinfoWatermarkBlockInKernelFormat() {
        PageAllocator a = Machines.boot(16 * GB, 4);
        assertThat(a.zone(ZoneType.DMA).zoneinfoHeader()).isEqualTo("Node 0, zone      DMA");
        // DMA: 4095 free at boot (pfn 0 reserved), promo = high + delta = 28
        assertThat(a.zone(ZoneType.DMA).zoneinfoWatermarks()).isEqualTo(""
                + "\n  pages free     4095"
                + "\n        boost    0"
                + "\n        min      16"
                + "\n        low      20"
                + "\n        high     24"
                + "\n        promo    28"
                + "\n        spanned  4096"
                + "\n        present  4096"
                + "\n        managed  4095"
                + "\n        cma      0"
                + "\n        protection: (0, 4080, 16368, 16368)");
        assertThat(a.zone(ZoneType.MOVABLE).zoneinfoWatermarks()).endsWith(""
                + "\n        min      32"
                + "\n        low      32"
                + "\n        high     32"
                + "\n        promo    32"
                + "\n        spanned  0"
                + "\n        present  0"
                + "\n        managed  0"
                + "\n        cma      0"
                + "\n        protection: (0, 0, 0, 0)");
    }

    private static void assertWatermarks(PageAllocator a, ZoneType zone, long min, long low, long high) {
        ZoneView view = a.zone(zone);
        assertThat(new long[] {view.minWatermark(), view.lowWatermark(), view.highWatermark()})
                .as("%s min/low/high", zone.kernelName())
                .containsExactly(min, low, high);
    }
}
