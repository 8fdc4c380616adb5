package io.mmspec.runtime.mm.swap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.sim.VmEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Swap writes under a plug: blk_finish_plug() sends what was held as one request per swap area,
 * so a batch pays the device's latency once and the transfer per page; unplugged, each page is
 * its own request. The data reaches the slots either way.
 */
class SwapWritePlugTest {
    /** 10 ms latency, 1 GB/s: a 4 KB page transfers in 3814 ns. */
    private static final BlockDevice SLOW = new BlockDevice("hdd", 10_000_000L, 1L << 30, 32);

    private Machine m;
    private Swap swap;
    private SwapInfo si;

    @BeforeEach
    void boot() {
        m = Machine.boot(MachineConfig.builder(64L << 20, 1).build());
        swap = new Swap(m.pageRefs(), m.meter(), m.vmEvents(), m.trace(), m.current(), 1);
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
    void aPluggedBatchIsOneRequest() {
        long[] pfns = new long[32];
        for (int i = 0; i < pfns.length; i++) {
            pfns[i] = pageHolding((byte) (i + 1));
        }
        m.meter().take();

        swap.startPlug();
        for (long pfn : pfns) {
            assertThat(swap.writeout(pfn)).isEqualTo(MemMap.PAGE_SIZE);
        }
        assertThat(m.meter().peek()).as("nothing is charged before the plug is finished").isZero();
        long cost = swap.finishPlug();

        assertThat(cost).isEqualTo(SLOW.requestNs(32L * MemMap.PAGE_SIZE)).isEqualTo(10_000_000L + 122_070);
        assertThat(m.meter().take()).isEqualTo(cost);
        assertThat(m.vmEvents().get(VmEvent.PSWPOUT)).isEqualTo(32);
        for (int i = 0; i < pfns.length; i++) {
            long offset = SwapEntry.offset(swap.cache().entryOf(pfns[i]));
            assertThat(si.stored(offset)).as("slot of page %d", i).containsExactly((byte) (i + 1));
        }
    }

    @Test
    void unpluggedEachPageIsItsOwnRequest() {
        long a = pageHolding((byte) 7);
        long b = pageHolding((byte) 8);
        m.meter().take();

        swap.writeout(a);
        swap.writeout(b);

        assertThat(m.meter().take()).isEqualTo(2 * SLOW.requestNs(MemMap.PAGE_SIZE));
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
        assertThat(m.vmEvents().get(VmEvent.SWPOUT_ZERO)).isEqualTo(1);
        assertThat(m.vmEvents().get(VmEvent.PSWPOUT)).isZero();
    }

    @Test
    void plugsDoNotNest() {
        swap.startPlug();
        assertThatThrownBy(swap::startPlug).isInstanceOf(IllegalStateException.class);
    }
}
