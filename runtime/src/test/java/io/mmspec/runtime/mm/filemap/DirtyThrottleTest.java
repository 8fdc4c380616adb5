package io.mmspec.runtime.mm.filemap;

import static io.mmspec.runtime.mm.filemap.CacheRig.CPU;
import static io.mmspec.runtime.mm.filemap.CacheRig.PID;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.sim.EventKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dirty thresholds of dirtyable memory (domain_dirty_limits) and balance_dirty_pages(). */
class DirtyThrottleTest {
    private static final long MB = 1 << 20;

    @Test
    void thresholdsAreQuantisedRatiosOfDirtyableMemory() {
        CacheRig rig = new CacheRig(1024 * MB);
        // 1 GiB: 262143 free pages, totalreserve 17901: dirtyable 262143 - 17901 + 0 + 1 = 244243
        // thresh 819 * 244243 / 4096 = 48836, background 409 * 244243 / 4096 = 24388
        assertThat(rig.cache.nrDirtyThreshold()).isEqualTo(48_836);
        assertThat(rig.cache.nrDirtyBackgroundThreshold()).isEqualTo(24_388);
        Inode file = rig.file("/data/1mb", 256);
        for (long i = 0; i < 256; i++) {
            rig.readPage(file, i);
        }
        // 256 pages moved from free to the file LRU (still dirtyable); the pages the per-CPU
        // lists took from the buddy allocator on the way are not free (NR_FREE_PAGES) any more
        long free = rig.allocator.nrFreePages();
        assertThat(free).isEqualTo(262_143 - 256 - rig.allocator.pcpPages());
        assertThat(rig.cache.nrFilePages()).isEqualTo(256);
        assertThat(rig.cache.nrDirtyThreshold()).isEqualTo(819 * (free - 17_901 + 256 + 1) / 4096);
        assertThat(rig.cache.nrDirtyBackgroundThreshold()).isEqualTo(409 * (free - 17_901 + 256 + 1) / 4096);
    }

    @Test
    void bytesOverrideRatiosAndBackgroundStaysBelowTheLimit() {
        DirtyConfig bytes = new DirtyConfig(10, 0, 20, 10 * MB, 500, 3000);
        CacheRig rig = new CacheRig(1024 * MB, BlockDevice.withDefaults("ssd"), bytes);
        assertThat(rig.cache.nrDirtyThreshold()).isEqualTo(2560); // 10 MB in pages
        // 24388 background pages would be above the limit: bg_thresh = thresh / 2
        assertThat(rig.cache.nrDirtyBackgroundThreshold()).isEqualTo(1280);
    }

    @Test
    void positionRatioIsTwoAtFreerunOneAtSetpointZeroAtLimit() {
        // freerun 1000, limit 3000: setpoint 2000, x = (setpoint - dirty) / (limit - setpoint | 1)
        assertThat(DirtyThrottle.posRatio(1000, 2000, 3000)).isEqualTo(1024);
        // at freerun x = (1000 << 10) / 1001 = 1022: 1022 -> 1020 -> 1018 (>> 10 each), + 1024
        assertThat(DirtyThrottle.posRatio(1000, 1000, 3000)).isEqualTo(2042);
        assertThat(DirtyThrottle.posRatio(1000, 2500, 3000)).isEqualTo(896); // 1 - 0.5^3 = 0.875
        assertThat(DirtyThrottle.posRatio(1000, 3000, 3000)).isZero();
    }

    @Test
    void pollIntervalIsTheSquareRootOfTheDistanceToTheLimit() {
        assertThat(DirtyThrottle.dirtyPollInterval(0, 1024)).isEqualTo(32);
        assertThat(DirtyThrottle.dirtyPollInterval(1000, 1024)).isEqualTo(4); // 1 << (ilog2(24) / 2)
        assertThat(DirtyThrottle.dirtyPollInterval(2000, 1024)).isEqualTo(1);
    }

    @Test
    void writerRunsFreeBelowFreerunThenPausesUpToTwoHundredMilliseconds() {
        // 64 MiB: dirtyable 16383 - 1245 + 1 = 15139: thresh 3027, background 1511, freerun 2269.
        // A 4 MB/s disk cannot keep up, so dirty + writeback pages climb to the limit.
        BlockDevice slow = new BlockDevice("slow", 100_000, 4L << 20, 32);
        CacheRig rig = new CacheRig(64 * MB, slow, DirtyConfig.defaults());
        assertThat(rig.cache.nrDirtyThreshold()).isEqualTo(3027);
        Inode file = rig.fs.create("/data/out", 0, slow, null);
        List<Long> pauses = new ArrayList<>();
        List<Long> dirtyAtPause = new ArrayList<>();
        for (long i = 0; i < 4000; i++) {
            long index = i;
            long dirtyBefore = rig.cache.nrDirty() + rig.cache.nrWriteback();
            long pause = rig.step(() -> rig.fileIo.write(file, index << 12, new byte[4096], PID, CPU)) - 50;
            if (pause > 0) {
                pauses.add(pause);
                dirtyAtPause.add(dirtyBefore + 1);
            }
        }
        rig.cache.checkInvariants();
        assertThat(dirtyAtPause.get(0)).isGreaterThan(2269); // no pause at or below freerun
        assertThat(pauses.get(0)).isBetween(DirtyThrottle.JIFFY_NS, 200_000_000L); // the control line
        assertThat(pauses).allMatch(p -> p <= 200_000_000L);
        assertThat(pauses).contains(200_000_000L); // at the limit: MAX_PAUSE
        assertThat(rig.events(EventKind.WRITEBACK)).anyMatch(e -> e.stringField("reason").equals("background"));
        assertThat(rig.cache.nrDirty() + rig.cache.nrWriteback()).isLessThanOrEqualTo(3027 + 8);
    }
}
