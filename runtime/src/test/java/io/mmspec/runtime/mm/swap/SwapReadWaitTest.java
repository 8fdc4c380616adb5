package io.mmspec.runtime.mm.swap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.fs.RequestQueue;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A swap fault waits for the request carrying its own page, not for the whole readahead
 * window (swap_read_folio() then folio_lock()); a readahead page found in the swap cache before
 * its request completed makes that later fault wait for the rest.
 */
class SwapReadWaitTest {
    /** 10 ms latency, 1 GB/s: a 4 KB page transfers in 3814 ns. */
    private static final BlockDevice SLOW = new BlockDevice("hdd", 10_000_000L, 1L << 30, 32);

    private Machine m;
    private SwapInfo si;
    private SwapIo io;

    @BeforeEach
    void boot() {
        m = Machine.boot(MachineConfig.builder(64L << 20, 1).build());
        Swap swap = new Swap(m.pageRefs(), m.meter(), m.vmEvents(), m.trace(), m.current(), 1, m.clock(), m.queue(),
                new RequestQueue());
        si = swap.swapon("hdd", 8L << 20, null, SLOW);
        io = new SwapIo(m.pageRefs().memMap(), m.meter(), m.vmEvents(), m.clock(), m.queue(), new RequestQueue());
        m.meter().take();
    }

    private long page() {
        return m.pageAllocator().allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
    }

    @Test
    void theFaultWaitsForItsOwnRequestAndALaterHitForTheRest() {
        long fault = page();
        long ahead = page();
        io.plugRead(si, 10, MemMap.PAGE_SIZE, fault);
        io.plugRead(si, 20, MemMap.PAGE_SIZE, ahead); // not next to slot 10: a request of its own

        // the fault's request: its transfer, then the latency
        assertThat(io.finishReadPlug(fault)).isEqualTo(3_814 + 10_000_000L);
        // the readahead page's transfer followed the first one: 3814 ns more to wait, once
        assertThat(io.waitForRead(ahead)).isEqualTo(3_814);
        assertThat(io.waitForRead(ahead)).isZero();
    }

    @Test
    void adjacentSlotsAreOneRequestAndTheFaultWaitsForAllOfIt() {
        long fault = page();
        long ahead = page();
        io.plugRead(si, 10, MemMap.PAGE_SIZE, fault);
        io.plugRead(si, 11, MemMap.PAGE_SIZE, ahead);

        assertThat(io.finishReadPlug(fault)).isEqualTo(SLOW.requestNs(2L * MemMap.PAGE_SIZE));
        assertThat(io.waitForRead(ahead)).as("read by the same request").isZero();
    }
}
