package io.mmspec.runtime.mm.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Swap devices and the 6.18 cluster allocator, driven directly (no reclaim): pages are put into
 * the swap cache with folio_alloc_swap() and the slots they get are checked against
 * mm/swapfile.c's order.
 *
 * <pre>
 *   cluster 0: | hdr | 1 | 2 | ... | 511 |   nonfull at swapon (the header counts as used)
 *   cluster 1: | 512 | ...         | 1023 |  free
 * </pre>
 */
class SwapSlotsTest {
    private static final BlockDevice SSD = BlockDevice.withDefaults("ssd");

    private Machine m;
    private Swap swap;

    @BeforeEach
    void boot() {
        m = Machine.boot(MachineConfig.builder(64L << 20, 1).build());
        swap = new Swap(m.pageRefs(), m.meter(), m.vmEvents(), m.trace(), m.current(), 1, m.clock(), m.queue(),
                new io.mmspec.runtime.fs.RequestQueue());
    }

    /** A page put into the swap cache; the offset of its slot. */
    private long swapOut() {
        long pfn = m.pageAllocator().allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        assertThat(swap.folioAllocSwap(pfn)).isTrue();
        return SwapEntry.offset(swap.cache().entryOf(pfn));
    }

    @Test
    void swaponWithoutPriorityCountsDownFromMinusTwo() {
        assertThat(swap.swapon("a", 8L << 20, null, SSD).priority()).isEqualTo(-2);
        assertThat(swap.swapon("b", 8L << 20, null, SSD).priority()).isEqualTo(-3);
        assertThat(swap.swapon("c", 8L << 20, 5, SSD).priority()).isEqualTo(5);
        assertThat(swap.swapon("d", 8L << 20, null, SSD).priority()).isEqualTo(-4);
        // 8 MB = 2048 pages, one of them the header: SwapTotal 8188 kB each
        assertThat(swap.totalSwapPages()).isEqualTo(4 * 2047);
    }

    @Test
    void slotsComeFromTheNonfullHeaderClusterThenFromFreeClusters() {
        swap.swapon("a", 8L << 20, null, SSD);
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 513; i++) {
            offsets.add(swapOut());
        }
        assertThat(offsets.subList(0, 3)).containsExactly(1L, 2L, 3L);
        assertThat(offsets.get(510)).isEqualTo(511);
        assertThat(offsets.get(511)).isEqualTo(512); // cluster 0 full: the first free cluster
        assertThat(offsets.get(512)).isEqualTo(513);
        SwapInfo si = swap.devices().get(0);
        assertThat(si.clusters.length(Clusters.FLAG_FULL)).isEqualTo(1);
        assertThat(si.clusters.length(Clusters.FLAG_FRAG)).isEqualTo(1);
        assertThat(si.clusters.length(Clusters.FLAG_FREE)).isEqualTo(2); // 2048 slots = 4 clusters
        assertThat(si.swapMap(1)).isEqualTo(SwapMap.SWAP_HAS_CACHE);
        swap.checkInvariants();
    }

    @Test
    void theHigherPriorityDeviceFillsFirst() {
        swap.swapon("low", 8L << 20, null, SSD);
        swap.swapon("high", 8L << 20, 10, SSD);
        long pfn = m.pageAllocator().allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        swap.folioAllocSwap(pfn);
        assertThat(SwapEntry.type(swap.cache().entryOf(pfn))).isEqualTo(1);
    }

    @Test
    void aFullDeviceGivesNoSlotAndAFreedSlotIsUsedAgain() {
        swap.swapon("tiny", 3 * 4096, null, SSD); // header + 2 slots
        swapOut();
        swapOut();
        long pfn = m.pageAllocator().allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        assertThat(swap.folioAllocSwap(pfn)).isFalse();
        assertThat(swap.nrSwapPages()).isZero();

        long cached = swap.cache().lookup(SwapEntry.of(0, 1));
        swap.cache().deleteFromSwapCache(cached); // only the cache held slot 1: it is free again
        m.pageAllocator().freePages(cached, 0, 0);

        assertThat(swap.folioAllocSwap(pfn)).isTrue();
        assertThat(SwapEntry.offset(swap.cache().entryOf(pfn))).isEqualTo(1);
        swap.checkInvariants();
    }

    @Test
    void countsAboveSixtyTwoContinueInHigherDigits() {
        SwapInfo si = swap.swapon("a", 8L << 20, null, SSD);
        long offset = swapOut();
        long pte = SwapEntry.toPte(SwapEntry.of(0, offset));
        for (int i = 0; i < 100; i++) {
            assertThat(swap.swapDuplicate(pte)).isTrue();
        }
        assertThat(si.swapCount(offset)).isEqualTo(100);
        // 100 = 37 + 63 * 1: the byte keeps 37, COUNT_CONTINUED and SWAP_HAS_CACHE
        assertThat(si.swapMap(offset)).isEqualTo(SwapMap.COUNT_CONTINUED | SwapMap.SWAP_HAS_CACHE | 37);
        for (int i = 0; i < 99; i++) {
            swap.swapFree(SwapEntry.of(0, offset));
        }
        assertThat(si.swapMap(offset)).isEqualTo(SwapMap.SWAP_HAS_CACHE | 1);
    }

    @Test
    void freeingASlotNobodyHoldsIsABug() {
        swap.swapon("a", 8L << 20, null, SSD);
        assertThatThrownBy(() -> swap.swapFree(SwapEntry.of(0, 7))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not in use");
    }

    @Test
    void theCheckerComparesCountsWithTheSwapPtesItIsShown() {
        swap.swapon("a", 8L << 20, null, SSD);
        long offset = swapOut();
        long pte = SwapEntry.toPte(SwapEntry.of(0, offset));
        swap.swapDuplicate(pte);
        swap.checkInvariants(visitor -> visitor.accept(pte));
        assertThatThrownBy(() -> swap.checkInvariants(visitor -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("counts 1 but 0 swap PTEs hold it");
    }

    @Test
    void swapinWindowFollowsSwapinNrPages() {
        // no hits: 2 if adjacent to the last fault, else 1
        assertThat(SwapReadahead.nrPages(10, 11, 0, 8, 0)).isEqualTo(2);
        assertThat(SwapReadahead.nrPages(10, 20, 0, 8, 0)).isEqualTo(1);
        // hits + 2 rounded up to a power of two, at least 4, at most 1 << page-cluster
        assertThat(SwapReadahead.nrPages(10, 20, 1, 8, 0)).isEqualTo(4);
        assertThat(SwapReadahead.nrPages(10, 20, 3, 8, 0)).isEqualTo(8);
        assertThat(SwapReadahead.nrPages(10, 20, 30, 8, 0)).isEqualTo(8);
        // not below half the last window
        assertThat(SwapReadahead.nrPages(10, 20, 0, 8, 8)).isEqualTo(4);
    }
}
