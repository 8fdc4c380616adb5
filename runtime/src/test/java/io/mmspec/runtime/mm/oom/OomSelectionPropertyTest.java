package io.mmspec.runtime.mm.oom;

import static io.mmspec.runtime.mm.oom.OomFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random process tables, OOM after OOM until nothing is killable. Each victim must be
 * the one a plain reading of the kernel's rule picks, computed here from the sizes alone:
 * pages + page-table pages (size / 2 MB PTE pages, one PMD, one PUD) + adj * (totalpages /
 * 1000), init and adj -1000 never, the highest wins and a tie goes to the later task. Between
 * the kill and the reaper a second OOM must kill nobody, and the machine stays consistent.
 */
class OomSelectionPropertyTest {
    private static final int[] SIZES_MB = {2, 4, 6, 8};
    private static final int[] ADJS = {-1000, -500, 0, 0, 0, 0, 200, 1000};

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 24);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyVictimIsTheHighestScoringEligibleTaskLaterOnTies(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        OomFixture f = OomFixture.boot(128 * MB, ThpMode.MADVISE);
        List<Task> tasks = new ArrayList<>();
        List<long[]> sizeAndAdj = new ArrayList<>();
        int count = 2 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            int sizeMb = SIZES_MB[random.nextInt(SIZES_MB.length)];
            int adj = ADJS[random.nextInt(ADJS.length)];
            int pid = i == 0 && random.nextBoolean() ? 1 : 900 - 10 * i; // pids fall: order is creation
            tasks.add(f.process("p" + i, pid, 1000, adj, sizeMb * MB));
            sizeAndAdj.add(new long[] {sizeMb, adj});
        }
        long unit = f.totalPages() / 1000;
        Task current = f.machine.syscalls().spawnKernelThread("kworker");

        for (int round = 0; round <= count; round++) {
            int expected = expectedVictim(tasks, sizeAndAdj, unit);
            OomResult result = f.outOfMemory(current);
            if (expected < 0) {
                assertThat(result.outcome()).isEqualTo(OomResult.Outcome.PANIC);
                break;
            }
            assertThat(result.outcome()).isEqualTo(OomResult.Outcome.KILLED);
            assertThat(result.victim()).isSameAs(tasks.get(expected));
            assertThat(result.points()).isEqualTo(points(sizeAndAdj.get(expected), unit));
            f.check();
            assertThat(f.outOfMemory(current).outcome()).isEqualTo(OomResult.Outcome.VICTIM_PENDING);
            f.runUntil(result.reapAtNs());
            f.check();
        }
    }

    private static int expectedVictim(List<Task> tasks, List<long[]> sizeAndAdj, long unit) {
        int best = -1;
        long bestPoints = Long.MIN_VALUE;
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            if (!task.isAlive() || task.pid() == 1 || sizeAndAdj.get(i)[1] == -1000) {
                continue;
            }
            long points = points(sizeAndAdj.get(i), unit);
            if (best < 0 || points >= bestPoints) {
                best = i;
                bestPoints = points;
            }
        }
        return best;
    }

    private static long points(long[] sizeAndAdj, long unit) {
        long sizeMb = sizeAndAdj[0];
        return sizeMb * 256 + sizeMb / 2 + 2 + sizeAndAdj[1] * unit;
    }
}
