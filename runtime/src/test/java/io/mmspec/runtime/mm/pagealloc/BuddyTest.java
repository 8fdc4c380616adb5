package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.MB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The seed's buddy walk-through, on the DMA32 zone of a 64 MiB machine.
 *
 * <pre>
 * pfn  0     4096 (16 MiB)                                   16384 (64 MiB)
 *      | DMA | DMA32: 12 untouched order-10 blocks 4096, 5120, ... 15360 |
 * </pre>
 */
class BuddyTest {
    private static final int MOVABLE = MigrateType.MOVABLE.ordinal();
    private static final String DMA_AT_BOOT =
            "Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      3 \n";

    private final PageAllocator allocator = Machines.boot(64 * MB, 1);
    private final Zone dma32 = Machines.zone(allocator, ZoneType.DMA32);
    private final Buddy buddy = allocator.node().buddy;

    @Test
    void bootLeavesTheLargestAlignedBlocks() {
        // DMA: pfn 0 reserved, so 1 (order 0), 2 (1), 4 (2) ... 512 (9), then 1024, 2048, 3072 (10)
        assertThat(allocator.buddyinfo()).isEqualTo(DMA_AT_BOOT
                + "Node 0, zone    DMA32      0      0      0      0      0      0      0      0      0      0     12 \n");
        assertThat(allocator.nrFreePages()).isEqualTo(4095 + 12288);
        allocator.checkInvariants();
    }

    @Test
    void splitsHigherOrderBlockWhenRequestedOrderIsEmpty() {
        // order 3 from the first order-10 block: keep 4096, halves 4608 (9) 4352 (8) ... 4104 (3)
        assertThat(buddy.rmqueueSmallest(dma32, 3, MOVABLE)).isEqualTo(4096);
        assertThat(dma32line()).isEqualTo(
                "Node 0, zone    DMA32      0      0      0      1      1      1      1      1      1      1     11 \n");
        // the seed: 3 pages round up to order 2; order 2 is empty; the order-3 block at P = 4104 splits
        int order = PageAllocator.getOrder(3 * MemMap.PAGE_SIZE);
        assertThat(dma32.freeArea.isEmpty(order, MOVABLE)).isTrue();
        long p = buddy.rmqueueSmallest(dma32, order, MOVABLE);
        assertThat(p).isEqualTo(4104);
        // the upper half P+4 heads the order-2 list
        assertThat(dma32.freeArea.first(2, MOVABLE)).isEqualTo(4108);
        assertThat(dma32line()).isEqualTo(
                "Node 0, zone    DMA32      0      0      1      0      1      1      1      1      1      1     11 \n");
        // two blocks of 8 and 4 pages are out: 12288 - 12
        assertThat(dma32.nrFreePages).isEqualTo(12276);
    }

    @Test
    void freeingMergesWithBuddiesBackUpToOrderTen() {
        long first = buddy.rmqueueSmallest(dma32, 3, MOVABLE);
        long p = buddy.rmqueueSmallest(dma32, 2, MOVABLE);

        // 4104 ^ 4 = 4108 is free at order 2: merge to 4104 order 3; its buddy 4096 is allocated
        buddy.freeOnePage(dma32, p, 2, MOVABLE, false);
        assertThat(allocator.memMap().buddyOrder(4104)).isEqualTo(3);
        assertThat(dma32line()).isEqualTo(
                "Node 0, zone    DMA32      0      0      0      1      1      1      1      1      1      1     11 \n");

        // 4096 ^ 8 = 4104 (order 3) -> 4096 order 4; then 4112, 4128, 4160, 4224, 4352, 4608 in turn
        buddy.freeOnePage(dma32, first, 3, MOVABLE, false);
        assertThat(allocator.memMap().buddyOrder(4096)).isEqualTo(10);
        assertThat(dma32line()).isEqualTo(
                "Node 0, zone    DMA32      0      0      0      0      0      0      0      0      0      0     12 \n");
        // a merged order-10 block goes to the head: it is the next to be handed out
        assertThat(dma32.freeArea.first(10, MOVABLE)).isEqualTo(4096);
        assertThat(dma32.nrFreePages).isEqualTo(12288);
    }

    @Test
    void putsAFreedBlockAtTheTailWhenItsHigherBuddyIsFree() {
        long a = buddy.rmqueueSmallest(dma32, 0, MOVABLE);     // 4096; 4097 heads order 0
        long b = buddy.rmqueueSmallest(dma32, 0, MOVABLE);     // 4097
        long c = buddy.rmqueueSmallest(dma32, 0, MOVABLE);     // 4098 (4099 heads order 0)
        assertThat(new long[] {a, b, c}).containsExactly(4096, 4097, 4098);
        // free 4097: buddy 4096 is taken, so it stays order 0; the order-1 buddy of 4096..4097 is
        // 4098..4099, not free at order 1 -> head of the order-0 list
        buddy.freeOnePage(dma32, b, 0, MOVABLE, false);
        assertThat(dma32.freeArea.first(0, MOVABLE)).isEqualTo(4097);
        // free 4098: merges with 4099 into 4098 order 1; its order-2 buddy 4100 is free at order 2
        // (buddy_merge_likely) -> tail of the order-1 list
        long d = buddy.rmqueueSmallest(dma32, 1, MOVABLE);     // 4100 order 2 split: 4100 taken, 4102 order 1
        assertThat(d).isEqualTo(4100);
        buddy.freeOnePage(dma32, d, 1, MOVABLE, false);        // back: 4100 + 4102 -> 4100 order 2
        buddy.freeOnePage(dma32, c, 0, MOVABLE, false);        // 4098 + 4099 -> 4098 order 1, 4100 free at 2
        assertThat(dma32.freeArea.explicitBlocks(1, MOVABLE)).containsExactly(4098);
        assertThat(allocator.memMap().buddyOrder(4100)).isEqualTo(2);
        // and 4096 merges everything back into one order-10 block
        buddy.freeOnePage(dma32, a, 0, MOVABLE, false);
        assertThat(allocator.memMap().buddyOrder(4096)).isEqualTo(10);
        allocator.checkInvariants();
    }

    @Test
    void buddyinfoListsOnlyPopulatedZones() {
        PageAllocator small = Machines.boot(8 * MB, 1);
        // 8 MiB = 2048 pages, all DMA: 1..512 as orders 0..9, 1024 as order 10
        assertThat(small.buddyinfo()).isEqualTo(
                "Node 0, zone      DMA      1      1      1      1      1      1      1      1      1      1      1 \n");
        assertThat(small.mobilityGroupingDisabled()).isTrue();
    }

    private String dma32line() {
        return allocator.zone(ZoneType.DMA32).buddyinfoLine();
    }
}
