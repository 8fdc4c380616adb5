package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.GB;
import static io.mmspec.runtime.mm.pagealloc.Machines.MB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-CPU lists: refill in batches, drain above high, not counted in NR_FREE_PAGES. */
class PcpTest {

    /**
     * 64 MiB without THP, 256 CPUs, so high_min == high_max and pcp->high does not auto-tune.
     * DMA32 (managed 12288): batch = min(12288 &gt;&gt; 12, 64) = 3 -&gt; rounddown_pow_of_two(4) - 1 = 3;
     * min_free_kbytes = int_sqrt(16383 * 4 * 16) = 1023 -&gt; pages_min 255 -&gt; DMA32 min
     * 255 * 12288 / 16383 = 191, low 191 + 47 = 238; high_min = max(238 / 256, 4 * 3) = 12;
     * high_max = max(12288 / 8 / 256, 12) = 12.
     */
    @Test
    void refillsInGrowingBatchesAndDrainsAboveHigh() {
        PageAllocator a = Machines.bootThpOff(64 * MB, 256);
        ZoneView dma32 = a.zone(ZoneType.DMA32);
        assertThat(new int[] {dma32.pcpBatch(), dma32.pcpHighMin(), dma32.pcpHighMax()}).containsExactly(3, 12, 12);

        // alloc 1: refill batch 3 (alloc_factor 0 -> 1): 4096, 4097, 4098; one handed out
        long[] pfns = new long[10];
        pfns[0] = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        assertThat(pfns[0]).isEqualTo(4096);
        assertThat(dma32.pcpCount(0)).isEqualTo(2);
        // the pcp pages are not free pages: 12288 - 3
        assertThat(dma32.nrFreePages()).isEqualTo(12285);
        a.checkInvariants();

        // allocs 2-3 drain the list; alloc 4 refills 3 << 1 = 6; alloc 10 wants 12 but
        // max_nr_alloc = max(12 - 0 - 3, 3) = 9 caps it
        for (int i = 1; i < 10; i++) {
            pfns[i] = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        }
        assertThat(pfns).containsExactly(4096, 4097, 4098, 4099, 4100, 4101, 4102, 4103, 4104, 4105);
        assertThat(dma32.pcpCount(0)).isEqualTo(8);
        assertThat(dma32.nrFreePages()).isEqualTo(12288 - 3 - 6 - 9);
        assertThat(a.counter("pgalloc_dma32")).isEqualTo(10);

        // frees: count 9, 10, 11, then 12 >= high: nr_pcp_free = clamp(free_count 4, 3, 12 - 3) = 4
        // back to buddy; count 8; then 9, 10, 11, 12 again: clamp(8, 3, 9) = 8 back; then 5, 6
        for (long pfn : pfns) {
            a.freePages(pfn, 0, 0);
            a.checkInvariants();
        }
        assertThat(dma32.pcpCount(0)).isEqualTo(6);
        assertThat(dma32.nrFreePages()).isEqualTo(12270 + 4 + 8);
        assertThat(a.counter("pgfree")).isEqualTo(10);
        assertThat(dma32.zoneinfoPagesets()).startsWith("\n  pagesets"
                + "\n    cpu: 0"
                + "\n              count:    6"
                + "\n              high:     12"
                + "\n              batch:    3"
                + "\n              high_min: 12"
                + "\n              high_max: 12"
                // calculate_normal_threshold: 2 * fls(256) * (1 + fls(12288 >> 15)) = 2 * 9 * 1
                + "\n  vm stats threshold: 18"
                + "\n    cpu: 1");

        a.drainAllPages();
        assertThat(dma32.pcpCount(0)).isZero();
        assertThat(dma32.nrFreePages()).isEqualTo(12288);
        assertThat(dma32.buddyinfoLine()).isEqualTo(
                "Node 0, zone    DMA32      0      0      0      0      0      0      0      0      0      0     12 \n");
        a.checkInvariants();
    }

    /**
     * 16 GiB with THP, 4 CPUs. Normal: batch 63; low 15840 -&gt; high_min 15840 / 4 = 3960;
     * high_max 3145728 / 8 / 4 = 98304. Each refill raises pcp->high by the batch and, while
     * allocations continue, doubles the batch (alloc_factor).
     */
    @Test
    void doublesTheRefillWhileAllocationsContinue() {
        PageAllocator a = Machines.boot(16 * GB, 4);
        ZoneView normal = a.zone(ZoneType.NORMAL);
        long first = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        // the first Normal block, claimed whole for UNMOVABLE (ALLOC_NOFRAGMENT claims >= pageblock)
        assertThat(first).isEqualTo(1048576);
        assertThat(a.memMap().pageblockMigratetype(first)).isEqualTo(MigrateType.UNMOVABLE);
        assertThat(a.memMap().pageblockMigratetype(first + 512)).isEqualTo(MigrateType.UNMOVABLE);
        assertThat(a.memMap().pageblockMigratetype(first + 1024)).isEqualTo(MigrateType.MOVABLE);
        // refill 63; high = min(3960 + 63, 98304) = 4023
        assertThat(normal.pcpCount(0)).isEqualTo(62);
        assertThat(normal.pcpHigh(0)).isEqualTo(4023);
        for (int i = 1; i < 64; i++) {
            a.allocPages(0, Gfp.GFP_KERNEL, 0);
        }
        // the 64th refills 63 << 1 = 126 (max_nr_alloc = 4149 - 0 - 63 = 4086); high = 4023 + 126
        assertThat(normal.pcpCount(0)).isEqualTo(125);
        assertThat(normal.pcpHigh(0)).isEqualTo(4149);
        assertThat(normal.nrFreePages()).isEqualTo(3145728 - 63 - 126);
        // other CPUs' lists are untouched
        assertThat(normal.pcpCount(1)).isZero();
        a.checkInvariants();
    }

    @Test
    void theSameCpuGetsBackThePageItJustFreed() {
        PageAllocator a = Machines.boot(64 * MB, 2);
        long page = a.allocPages(0, Gfp.GFP_KERNEL, 1);
        a.freePages(page, 0, 1);
        // list_add at the head, list_first_entry on allocation: cache-hot reuse
        assertThat(a.allocPages(0, Gfp.GFP_KERNEL, 1)).isEqualTo(page);
        // another CPU has its own list: it refills from the buddy lists instead
        assertThat(a.allocPages(0, Gfp.GFP_KERNEL, 0)).isNotEqualTo(page);
        a.checkInvariants();
    }

    @Test
    void orderNineGoesThroughTheThpLists() {
        PageAllocator a = Machines.boot(64 * MB, 1);
        long thp = a.allocPages(9, Gfp.GFP_TRANSHUGE_LIGHT, 0);
        assertThat(thp & 511).isZero();
        assertThat(a.memMap().isHead(thp)).isTrue();
        assertThat(a.memMap().folioOrder(thp)).isEqualTo(9);
        // nr_pcp_alloc for order 9: batch 3 -> max(3 >> 9, 2) = 2 blocks refilled, one kept;
        // 64 MiB with THP: DMA32 low 750 -> high_min 750, high_max 1536, high = 750 + 3 = 753
        ZoneView dma32 = a.zone(ZoneType.DMA32);
        assertThat(dma32.pcpCount(0)).isEqualTo(512);
        assertThat(dma32.pcpHigh(0)).isEqualTo(753);
        // folio_put on a tail page frees the whole folio: count 1024 >= 753, so
        // nr_pcp_free = clamp(free_count 512, 3, 753 - 3) = 512 pages go back to the buddy lists
        assertThat(a.putPage(thp + 7, 0)).isTrue();
        assertThat(dma32.pcpCount(0)).isEqualTo(512);
        assertThat(dma32.nrFreePages()).isEqualTo(12288 - 512);
        a.checkInvariants();
    }
}
