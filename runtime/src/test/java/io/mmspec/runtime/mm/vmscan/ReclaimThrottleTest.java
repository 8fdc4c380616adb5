package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.TraceEvent;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Direct reclaim that reached priority 1 with nothing freed, while most of what it could
 * reclaim is under writeback, sleeps a jiffy (consider_reclaim_throttle(): NOPROGRESS, not
 * skipped because write-pending pages are more than half the reclaimable ones); the swap
 * writes (100 us on the fixture's SSD) complete meanwhile, and the priority-0 pass frees them.
 */
class ReclaimThrottleTest {
    @Test
    void directReclaimWithEverythingUnderWritebackSleepsAJiffyThenFreesTheWrittenPages() {
        ReclaimFixture f = ReclaimFixture.boot(64 * MB, 16 * MB, 200);
        Task p = f.spawn("p", 100);
        long buf = f.mapAnon(p, 100);
        for (int i = 0; i < 100; i++) {
            f.write(p, buf + i * 4096L, i + 1);
        }
        f.age(p, buf, 100);
        f.m.meter().take();

        long reclaimed = f.vmscan.directReclaim(0, Gfp.GFP_HIGHUSER_MOVABLE);
        long charged = f.m.meter().take();

        List<TraceEvent> throttled = f.m.trace().events().stream()
                .filter(e -> e.kind() == EventKind.VMSCAN_THROTTLED).toList();
        assertThat(throttled).hasSize(1);
        assertThat(throttled.get(0).stringField("reason")).isEqualTo("VMSCAN_THROTTLE_NOPROGRESS");
        assertThat(throttled.get(0).longField("usec_delayed")).isEqualTo(ReclaimThrottle.JIFFY_NS / 1000);
        assertThat(charged).isGreaterThanOrEqualTo(ReclaimThrottle.JIFFY_NS);
        assertThat(reclaimed).isPositive();
        assertThat(f.event(VmEvent.PGSTEAL_ANON)).isEqualTo(reclaimed);
        f.checkInvariants();
        for (int i = 0; i < 100; i++) {
            assertThat(f.read(p, buf + i * 4096L)).as("page %d", i).isEqualTo(i + 1);
        }
    }

    @Test
    void withLittleUnderWritebackTheNoProgressThrottleIsSkipped() {
        ReclaimFixture f = ReclaimFixture.boot(64 * MB, 16 * MB, 200);
        Task p = f.spawn("p", 100);
        long buf = f.mapAnon(p, 3000);
        for (int i = 0; i < 3000; i++) {
            f.write(p, buf + i * 4096L, 1);
        }
        f.age(p, buf, 3000);

        f.vmscan.directReclaim(0, Gfp.GFP_HIGHUSER_MOVABLE);

        // 3000 reclaimable pages, at most a few hundred written: 2 x write-pending <= reclaimable
        assertThat(f.event(VmEvent.PSWPOUT)).isLessThan(1500);
        assertThat(f.m.trace().count(EventKind.VMSCAN_THROTTLED)).isZero();
    }
}
