package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random pressure: a process writes 3300 pages of a 16 MB machine (4095 pages, high
 * watermark 1024) and forks; then both write (copying on write) and read them at random, with 16 MB
 * of swap, while kswapd, direct reclaim, file pages and aging come and go. Every step the invariants hold, every read returns the last byte written there, and at
 * the end every page reads back right. A failing seed replays exactly.
 */
class ReclaimPropertyTest {
    private static final int PAGES = 3300;
    private static final int STEPS = 1200;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomPressureNeverLosesABit(long seed) {
        ReclaimFixture f = ReclaimFixture.boot(MachineConfig.builder(16 * MB, 1).aslr(false).thp(ThpMode.NEVER)
                .disks(List.of(ReclaimFixture.SSD)).watermarks(new MachineConfig.Watermarks(256, 512, 1024)),
                16 * MB, 60);
        SplittableRandom random = new SplittableRandom(seed);
        Task[] tasks = {f.spawn("parent", 100), null};
        long buf = f.mapAnon(tasks[0], PAGES);
        byte[][] expected = {new byte[PAGES], null};
        for (int page = 0; page < PAGES; page++) { // shared copy-on-write by the fork; no swap yet
            expected[0][page] = (byte) (1 + random.nextInt(255));
            f.write(tasks[0], buf + page * 4096L, expected[0][page] & 0xff);
        }
        tasks[1] = f.m.syscalls().fork(tasks[0], "child", 101); // fork copies no swap PTE yet
        expected[1] = expected[0].clone();
        for (int step = 0; step < STEPS; step++) {
            int t = random.nextInt(2);
            int page = random.nextInt(PAGES);
            switch (random.nextInt(20)) {
                case 0, 1, 2, 3, 4, 5, 6, 7, 8 -> {
                    byte value = (byte) (1 + random.nextInt(255));
                    f.write(tasks[t], buf + page * 4096L, value & 0xff);
                    expected[t][page] = value;
                }
                case 9, 10, 11, 12, 13 -> assertThat((byte) f.read(tasks[t], buf + page * 4096L))
                        .as("seed %d step %d task %d page %d", seed, step, t, page).isEqualTo(expected[t][page]);
                case 14, 15 -> f.m.queue().runUntil(f.m.clock().now() + random.nextInt(20_000_000));
                case 16 -> {
                    if (random.nextInt(8) == 0) {
                        f.vmscan.directReclaim(0, Gfp.GFP_HIGHUSER_MOVABLE);
                    }
                }
                case 17 -> f.age(tasks[t], buf + (long) page * 4096, Math.min(64, PAGES - page));
                default -> {
                    long pfn = f.files.addCleanPage();
                    if (random.nextBoolean()) {
                        f.files.markDirty(pfn);
                    }
                }
            }
            f.checkInvariants();
        }
        f.m.queue().runUntil(f.m.clock().now() + 1_000_000_000L);
        for (int t = 0; t < 2; t++) {
            for (int page = 0; page < PAGES; page++) {
                if (page % 64 == 0) {
                    f.m.queue().runUntil(f.m.clock().now() + 5_000_000L); // kswapd keeps up
                }
                assertThat((byte) f.read(tasks[t], buf + page * 4096L)).as("seed %d task %d page %d", seed, t, page)
                        .isEqualTo(expected[t][page]);
            }
        }
        f.checkInvariants();
        assertThat(f.event(VmEvent.PSWPOUT)).isPositive();
        assertThat(f.event(VmEvent.PGSTEAL_KSWAPD)).isPositive();
        assertThat(f.event(VmEvent.PSWPIN)).isPositive();
    }
}
