package io.mmspec.runtime.mm.oom;

import static io.mmspec.runtime.mm.oom.OomFixture.MB;
import static io.mmspec.runtime.mm.oom.OomFixture.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.task.Task;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The kernel log of an OOM kill on a 64 MB machine, line by line.
 *
 * <pre>
 *   systemd  pid 1     uid 0     adj -1000   1 MB   256 pages
 *   bash     pid 1000  uid 1000  adj 0       2 MB   512 pages
 *   hog      pid 2000  uid 1000  adj 0      40 MB 10240 pages
 * </pre>
 * Each mapping is 2 MB aligned (THP alignment of anonymous mmaps), so its page tables are one
 * PTE page per 2 MB, one PMD page and one PUD page (pgtables_bytes leaves out the PGD):
 * bash 3 pages = 12288 bytes, hog 20 + 2 = 22 pages = 90112 bytes (88 kB). Mem-Info's
 * pagetables counts every table page with the PGDs: 4 + 4 + 23 = 31.
 */
class OomReportTest {

    @Test
    void printsTheKernelsLinesInOrderWithTheSimulatedNumbers() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        f.process("systemd", 1, 0, -1000, 1 * MB);
        f.process("bash", 1000, 1000, 0, 2 * MB);
        Task hog = f.process("hog", 2000, 1000, 0, 40 * MB);
        f.runUntil(5 * SECOND);
        long free = f.machine.pageAllocator().nrFreePages();
        long pcp = f.machine.pageAllocator().pcpPages();

        f.outOfMemory(hog);

        assertThat(f.log()).containsExactly(
                "hog invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0",
                "Mem-Info:",
                "active_anon:0 inactive_anon:11008 isolated_anon:0",
                "active_file:0 inactive_file:0 isolated_file:0",
                "unevictable:0 dirty:0 writeback:0",
                "mapped:0 shmem:0 pagetables:31",
                "free:" + free + " free_pcp:" + pcp + " free_cma:0",
                "Tasks state (memory values in pages):",
                "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name",
                "[   1000]  1000  1000      512      512      512        0         0    12288        0             0 bash",
                "[   2000]  1000  2000    10240    10240    10240        0         0    90112        0             0 hog",
                "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
                        + "task_memcg=/,task=hog,pid=2000,uid=1000",
                "Out of memory: Killed process 2000 (hog) total-vm:40960kB, anon-rss:40960kB, file-rss:0kB, "
                        + "shmem-rss:0kB, UID:1000 pgtables:88kB oom_score_adj:0");

        f.runUntil(7 * SECOND);
        List<KernelLog.Line> lines = f.machine.log().lines();
        assertThat(lines.get(lines.size() - 1).formatted()).isEqualTo("[    7.000000] oom_reaper: reaped process 2000 "
                + "(hog), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB");
        assertThat(lines.get(0).formatted()).startsWith("[    5.000000] hog invoked oom-killer");
        f.check();
    }

    @Test
    void logsEachPartAtTheKernelsLevel() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task hog = f.process("hog", 2000, 1000, 0, 4 * MB);
        f.outOfMemory(hog);
        f.runUntil(2 * SECOND);

        // pr_warn, show_mem at the default level (warning) x6, pr_info x3 + 1 row, pr_err, pr_info
        assertThat(f.machine.log().lines().stream().map(KernelLog.Line::level).collect(Collectors.toList()))
                .containsExactly(KernelLog.Level.WARNING, KernelLog.Level.WARNING, KernelLog.Level.WARNING,
                        KernelLog.Level.WARNING, KernelLog.Level.WARNING, KernelLog.Level.WARNING,
                        KernelLog.Level.WARNING, KernelLog.Level.INFO, KernelLog.Level.INFO,
                        KernelLog.Level.INFO, KernelLog.Level.INFO, KernelLog.Level.ERR, KernelLog.Level.INFO);
    }

    /** dump_tasks() lists every task with an mm but init, -1000 tasks and earlier victims included. */
    @Test
    void tasksTableListsEveryUserTaskWithAnAddressSpaceButInit() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        f.process("init", 1, 0, 0, 2 * MB);
        f.process("critical", 300, 0, -1000, 2 * MB);
        f.machine.syscalls().spawnKernelThread("kworker");
        Task hog = f.process("hog", 2000, 1000, 0, 4 * MB);
        f.outOfMemory(hog);

        assertThat(f.log()).filteredOn(line -> line.matches("\\[ *\\d+\\].*"))
                .containsExactly(
                        "[    300]     0   300      512      512      512        0         0    12288        0         -1000 critical",
                        "[   2000]  1000  2000     1024     1024     1024        0         0    16384        0             0 hog");
    }

    /** Nothing to kill: dump_header, the warning, and panic("System is deadlocked on memory"). */
    @Test
    void reportsThePanicWhenNoProcessIsKillable() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task init = f.process("init", 1, 0, 0, 8 * MB);
        f.process("critical", 300, 0, -1000, 8 * MB);

        OomResult result = f.outOfMemory(init);

        assertThat(result.outcome()).isEqualTo(OomResult.Outcome.PANIC);
        assertThat(result.progress()).isFalse();
        assertThat(result.victim()).isNull();
        List<String> log = f.log();
        assertThat(log.get(0)).isEqualTo("init invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), "
                + "order=0, oom_score_adj=0");
        assertThat(log.subList(log.size() - 2, log.size())).containsExactly(
                "Out of memory and no killable processes...",
                "Kernel panic - not syncing: System is deadlocked on memory");
        assertThat(f.machine.log().lines().get(log.size() - 1).level()).isEqualTo(KernelLog.Level.EMERG);
        assertThat(f.machine.tasks().all()).allMatch(Task::isAlive);
        assertThat(f.machine.vmEvents().get(io.mmspec.runtime.sim.VmEvent.OOM_KILL)).isZero();
        f.check();
    }
}
