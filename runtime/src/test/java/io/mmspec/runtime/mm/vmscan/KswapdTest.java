package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.mm.pagealloc.ZoneView;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.TraceEvent;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * kswapd on a 16 MB machine (one zone, DMA: 4095 managed pages) with watermarks min 256,
 * low 512, high 1024 pages. An allocation whose fast path finds DMA at or below low wakes
 * kswapd; kswapd reclaims until DMA is above high, naps 100 ms, and sleeps.
 */
class KswapdTest {
    private static final long SECOND = 1_000_000_000L;

    private ReclaimFixture f;
    private Task p;
    private long buf;
    private int touched;

    private void boot(long swapBytes) {
        f = ReclaimFixture.boot(MachineConfig.builder(16 * MB, 1).aslr(false).thp(ThpMode.NEVER)
                .disks(List.of(ReclaimFixture.SSD)).watermarks(new MachineConfig.Watermarks(256, 512, 1024)),
                swapBytes, 60);
        p = f.spawn("p", 100);
        buf = f.mapAnon(p, 4000);
    }

    private ZoneView dma() {
        return f.m.pageAllocator().zone(ZoneType.DMA);
    }

    /** Writes page after page (its number in the first byte) until kswapd is woken. */
    private void touchUntilKswapdWakes() {
        while (f.vmscan.kswapd().state() == Kswapd.State.SLEEPING) {
            f.write(p, buf + touched * 4096L, touched & 0xff | 1);
            touched++;
        }
    }

    @Test
    void theWatermarksOfTheOneZoneAreTheTriple() {
        boot(16 * MB);
        assertThat(dma().managedPages()).isEqualTo(4095);
        assertThat(new long[] {dma().minWatermark(), dma().lowWatermark(), dma().highWatermark()})
                .containsExactly(256, 512, 1024);
    }

    @Test
    void anAllocationBelowLowWakesKswapdWhichReclaimsAboveHighAndSleeps() {
        boot(16 * MB);
        touchUntilKswapdWakes();
        // the fast path failed: free pages were at or below low (plus lowmem_reserve 0)
        assertThat(dma().nrFreePages()).isLessThanOrEqualTo(512);
        long wokenAt = f.m.clock().now();

        f.m.queue().runUntil(wokenAt + 10 * SECOND);

        assertThat(f.vmscan.kswapd().state()).isEqualTo(Kswapd.State.SLEEPING);
        assertThat(dma().nrFreePages()).isGreaterThan(1024);
        assertThat(f.event(VmEvent.PGSTEAL_KSWAPD)).isPositive();
        assertThat(f.event(VmEvent.PGSCAN_KSWAPD)).isGreaterThanOrEqualTo(f.event(VmEvent.PGSTEAL_KSWAPD));
        // every stolen anonymous page was written first; pages written but not needed any more
        // stay in the swap cache
        assertThat(f.event(VmEvent.PSWPOUT)).isGreaterThanOrEqualTo(f.event(VmEvent.PGSTEAL_ANON));
        assertThat(f.event(VmEvent.PAGEOUTRUN)).isEqualTo(f.vmscan.kswapd().runs());
        assertThat(f.event(VmEvent.PGSCAN_DIRECT)).isZero();
        List<TraceEvent> wakes = events(EventKind.KSWAPD_WAKE);
        List<TraceEvent> sleeps = events(EventKind.KSWAPD_SLEEP);
        assertThat(wakes).isNotEmpty();
        assertThat(wakes.get(0).time()).isEqualTo(wokenAt);
        assertThat(sleeps).hasSize(1);
        // it slept only after a 100 ms nap found the zone still balanced
        assertThat(sleeps.get(0).time()).isGreaterThanOrEqualTo(wakes.get(wakes.size() - 1).time() + Kswapd.NAP_NS);
        f.checkInvariants();
        for (int i = 0; i < touched; i++) {
            assertThat(f.read(p, buf + i * 4096L)).as("page %d", i).isEqualTo(i & 0xff | 1);
        }
        f.checkInvariants();
    }

    @Test
    void kswapdSpreadsItsWorkOverSimulatedTime() {
        boot(16 * MB);
        touchUntilKswapdWakes();
        long wokenAt = f.m.clock().now();

        f.m.queue().runUntil(wokenAt + 10 * SECOND);

        long sleptAt = events(EventKind.KSWAPD_SLEEP).get(0).time();
        // kswapd frees a page only after its asynchronous write completed: the disk transferred
        // every stolen page (4 KB at 1 GB/s, 3814 ns) and the last request's 100 us latency
        // passed; then kswapd napped 100 ms before sleeping
        long steals = f.event(VmEvent.PGSTEAL_ANON);
        assertThat(steals).isPositive();
        assertThat(sleptAt - wokenAt).isGreaterThanOrEqualTo(steals * 3_814 + 100_000 + Kswapd.NAP_NS);
    }

    @Test
    void withoutSwapAndOnlyAnonymousMemoryKswapdFailsSixteenTimesAndGivesUp() {
        boot(0);
        touchUntilKswapdWakes();

        f.m.queue().runUntil(f.m.clock().now() + 10 * SECOND);

        assertThat(f.vmscan.kswapdFailures()).isEqualTo(16);
        assertThat(f.vmscan.kswapd().state()).isEqualTo(Kswapd.State.SLEEPING);
        assertThat(f.event(VmEvent.PGSTEAL_KSWAPD)).isZero();
        assertThat(f.event(VmEvent.PAGEOUTRUN)).isEqualTo(16);
        // a hopeless node: further wake-ups leave kswapd asleep, direct reclaim is on its own
        f.vmscan.wakeKswapd(ZoneType.DMA, io.mmspec.runtime.mm.pagealloc.Gfp.GFP_HIGHUSER_MOVABLE, 0, ZoneType.MOVABLE);
        assertThat(f.vmscan.kswapd().state()).isEqualTo(Kswapd.State.SLEEPING);
        f.checkInvariants();
    }

    @Test
    void aBalancedNodeDoesNotWakeKswapd() {
        boot(16 * MB);
        f.vmscan.wakeKswapd(ZoneType.DMA, io.mmspec.runtime.mm.pagealloc.Gfp.GFP_HIGHUSER_MOVABLE, 0, ZoneType.MOVABLE);
        assertThat(f.vmscan.kswapd().state()).isEqualTo(Kswapd.State.SLEEPING);
        assertThat(events(EventKind.KSWAPD_WAKE)).isEmpty();
    }

    private List<TraceEvent> events(EventKind kind) {
        return f.m.trace().events().stream().filter(e -> e.kind() == kind).toList();
    }
}
