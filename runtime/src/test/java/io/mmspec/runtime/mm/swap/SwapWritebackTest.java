package io.mmspec.runtime.mm.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.VmEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Swap writes are asynchronous: the writer pays nothing for the device, the page stays under
 * writeback until its request completes as an event on the machine's queue, and a page reclaim
 * marked PG_reclaim is rotated then. Under a plug, blk_finish_plug() sends what was held as one
 * request per swap area; unplugged, each page is its own request, and requests in flight
 * overlap their latency (the disk is bound by its bandwidth). The data reaches the slots
 * when the write is submitted.
 */
class SwapWritebackTest {
    /** 10 ms latency, 1 GB/s: a 4 KB page transfers in 3814 ns. */
    private static final BlockDevice SLOW = new BlockDevice("hdd", 10_000_000L, 1L << 30, 32);

    private Machine m;
    private Swap swap;
    private SwapInfo si;

    @BeforeEach
    void boot() {
        m = Machine.boot(MachineConfig.builder(64L << 20, 1).build());
        swap = new Swap(m.pageRefs(), m.meter(), m.vmEvents(), m.trace(), m.current(), 1, m.clock(), m.queue(),
                new io.mmspec.runtime.fs.RequestQueue());
        si = swap.swapon("hdd", 8L << 20, null, SLOW);
    }

    /** A page holding {@code value} in its first byte, in the swap cache and ready to write. */
    private long pageHolding(byte value) {
        long pfn = m.pageAllocator().allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        m.pageRefs().memMap().writeBytes(pfn, 0, new byte[] {value}, 0, 1);
        assertThat(swap.folioAllocSwap(pfn)).isTrue();
        return pfn;
    }

    @Test
    void aPluggedBatchIsOneRequestCompletingAfterLatencyAndTransfer() {
        long[] pfns = new long[32];
        for (int i = 0; i < pfns.length; i++) {
            pfns[i] = pageHolding((byte) (i + 1));
        }
        m.meter().take();
        long start = m.clock().now();

        swap.startPlug();
        for (long pfn : pfns) {
            assertThat(swap.writeout(pfn)).isEqualTo(MemMap.PAGE_SIZE);
        }
        assertThat(swap.finishPlug()).isEqualTo(32);

        assertThat(m.meter().take()).as("the writer does not wait for the disk").isZero();
        assertThat(swap.nrWriteback()).isEqualTo(32);
        // one request: 10 ms latency + 128 KB at 1 GB/s (122070 ns)
        long done = start + SLOW.requestNs(32L * MemMap.PAGE_SIZE);
        assertThat(done - start).isEqualTo(10_000_000L + 122_070);
        assertThat(swap.writebackCompletionOf(1)).isEqualTo(done);
        m.queue().runUntil(done - 1);
        assertThat(m.pageRefs().memMap().testFlag(pfns[0], PageFlags.PG_writeback)).isTrue();
        m.queue().runUntil(done);
        for (long pfn : pfns) {
            assertThat(m.pageRefs().memMap().testFlag(pfn, PageFlags.PG_writeback)).isFalse();
        }
        assertThat(swap.nrWriteback()).isZero();
        assertThat(m.vmEvents().get(VmEvent.PSWPOUT)).isEqualTo(32);
        assertThat(m.vmEvents().get(VmEvent.NR_WRITTEN)).isEqualTo(32);
        for (int i = 0; i < pfns.length; i++) {
            long offset = SwapEntry.offset(swap.cache().entryOf(pfns[i]));
            assertThat(MemMap.byteOf(si.stored(offset), 0)).as("slot of page %d", i).isEqualTo((byte) (i + 1));
            assertThat(MemMap.byteOf(si.stored(offset), 1)).isZero();
        }
        swap.checkInvariants();
    }

    @Test
    void unpluggedRequestsOverlapTheirLatency() {
        long a = pageHolding((byte) 7);
        long b = pageHolding((byte) 8);
        m.meter().take();
        long start = m.clock().now();

        swap.writeout(a);
        swap.writeout(b);

        long transfer = SLOW.requestNs(MemMap.PAGE_SIZE) - SLOW.latencyNs(); // 3814 ns
        assertThat(swap.writebackCompletionOf(1)).isEqualTo(start + transfer + 10_000_000L);
        assertThat(swap.writebackCompletionOf(2)).as("b waits for a's transfer, not its latency")
                .isEqualTo(start + 2 * transfer + 10_000_000L);
    }

    @Test
    void aReclaimerAheadOfTheClockSeesItsWritesComplete() {
        long pfn = pageHolding((byte) 1);
        MemMap memMap = m.pageRefs().memMap();
        memMap.setFlag(pfn, PageFlags.PG_reclaim);
        swap.writeout(pfn);
        long done = swap.writebackCompletionOf(1);

        assertThat(swap.endCompletedWriteback(done - 1)).isZero();
        assertThat(swap.endCompletedWriteback(done)).isEqualTo(1);

        assertThat(memMap.testFlag(pfn, PageFlags.PG_writeback)).isFalse();
        assertThat(memMap.testFlag(pfn, PageFlags.PG_reclaim)).as("cleared by folio_end_writeback()").isFalse();
        m.queue().runUntil(done); // the completion event finds nothing left to end
        assertThat(m.vmEvents().get(VmEvent.NR_WRITTEN)).isEqualTo(1);
        swap.checkInvariants();
    }

    @Test
    void aPageUnderWritebackKeepsItsSlotWhenItsLastSwapPteGoes() {
        long pfn = pageHolding((byte) 1);
        swap.writeout(pfn);
        assertThat(swap.cache().folioFreeSwap(pfn)).as("under writeback").isFalse();
        m.queue().runUntil(swap.writebackCompletionOf(1));
        assertThat(swap.cache().folioFreeSwap(pfn)).isTrue();
    }

    @Test
    void aZeroPageGoesNowhereAndAnEmptyPlugCostsNothing() {
        long pfn = m.pageAllocator().allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE.or(Gfp.__GFP_ZERO), 0);
        assertThat(swap.folioAllocSwap(pfn)).isTrue();
        m.meter().take();

        swap.startPlug();
        assertThat(swap.writeout(pfn)).isZero();
        assertThat(swap.finishPlug()).isZero();

        assertThat(m.meter().take()).isZero();
        assertThat(m.pageRefs().memMap().testFlag(pfn, PageFlags.PG_writeback)).isFalse();
        assertThat(m.vmEvents().get(VmEvent.SWPOUT_ZERO)).isEqualTo(1);
        assertThat(m.vmEvents().get(VmEvent.PSWPOUT)).isZero();
    }

    @Test
    void plugsDoNotNest() {
        swap.startPlug();
        assertThatThrownBy(swap::startPlug).isInstanceOf(IllegalStateException.class);
    }
}
