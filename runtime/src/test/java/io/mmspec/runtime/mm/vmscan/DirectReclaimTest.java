package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.TraceEvent;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Direct reclaim: when kswapd cannot keep up (here it never gets to run) and an allocation
 * finds free pages at min, the allocating task reclaims itself and pays for it. The allocation
 * that stalls here has also boosted the watermark (it stole a pageblock of another migratetype),
 * so it needs several rounds of reclaim before free pages pass min + boost.
 */
class DirectReclaimTest {
    private ReclaimFixture f;
    private Task p;
    private long buf;

    private void bootAndAge(int pages) {
        f = ReclaimFixture.boot(MachineConfig.builder(16 * MB, 1).aslr(false).thp(ThpMode.NEVER)
                .disks(List.of(ReclaimFixture.SSD)).watermarks(new MachineConfig.Watermarks(256, 512, 1024)),
                16 * MB, 60);
        p = f.spawn("p", 100);
        buf = f.mapAnon(p, 4000);
        for (int i = 0; i < pages; i++) {
            f.write(p, buf + i * 4096L, 3);
        }
        f.age(p, buf, pages);
    }

    @Test
    void anAllocationAtMinReclaimsInTheTaskAndIsChargedForIt() {
        bootAndAge(3000);
        int i = 3000;
        while (allocstalls() == 0) {
            f.m.meter().take();
            f.write(p, buf + i++ * 4096L, 3);
        }
        long charged = f.m.meter().take();
        assertThat(f.m.pageAllocator().zone(ZoneType.DMA).watermarkBoost()).isPositive();

        List<TraceEvent> direct = f.m.trace().events().stream()
                .filter(e -> e.kind() == EventKind.DIRECT_RECLAIM).toList();
        // one try_to_free_pages() per round of the slow path; each stops once 32 are reclaimed
        // (the lists go in batches of up to 32, so a round may end a little past it)
        long reclaimed = 0;
        for (TraceEvent event : direct) {
            assertThat(event.longField("nr_reclaimed")).isGreaterThanOrEqualTo(32);
            reclaimed += event.longField("nr_reclaimed");
        }
        assertThat(f.event(VmEvent.PGSTEAL_DIRECT)).isEqualTo(reclaimed);
        assertThat(f.event(VmEvent.PGSTEAL_KSWAPD)).isZero();
        // swap writes are asynchronous, but a page is freed only once its write completed in the
        // task's time: the disk transferred every stolen page (4 KB at 1 GB/s, 3814 ns each)
        // and the last request's 100 us latency passed before the task could take it
        long steals = f.event(VmEvent.PGSTEAL_DIRECT);
        assertThat(f.event(VmEvent.PSWPOUT)).isGreaterThanOrEqualTo(steals);
        assertThat(charged).isGreaterThanOrEqualTo(steals * 3_814 + 100_000);
        // the allocator counted a stall per round (allocstall_movable), vmscan none
        assertThat(allocstalls()).isEqualTo(direct.size());
        assertThat(f.event(VmEvent.ALLOCSTALL_DMA) + f.event(VmEvent.ALLOCSTALL_MOVABLE)).isZero();
        f.checkInvariants();
    }

    private long allocstalls() {
        long stalls = 0;
        for (ZoneType zone : ZoneType.values()) {
            stalls += f.m.pageAllocator().counter("allocstall_" + zone.vmstatSuffix());
        }
        return stalls;
    }
}
