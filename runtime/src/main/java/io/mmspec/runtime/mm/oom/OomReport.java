package io.mmspec.runtime.mm.oom;

import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.KernelLog.Level;
import io.mmspec.runtime.task.Task;
import java.util.List;
import java.util.Locale;

/**
 * The OOM killer's lines in the kernel log, in the kernel's formats and levels. Mirrors
 * mm/oom_kill.c: dump_header() (pr_warn, then show_mem and dump_tasks()), dump_task()
 * (pr_info), dump_oom_victim() (pr_info), __oom_kill_process() (pr_err), oom_reap_task_mm()
 * (pr_info) and out_of_memory()'s last words (pr_warn, then panic()).
 *
 * <pre>
 *   hog invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0
 *   Mem-Info:
 *   active_anon:0 inactive_anon:11008 isolated_anon:0         (the show_mem summary, 5 lines)
 *   ...
 *   Tasks state (memory values in pages):
 *   [  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name
 *   [   1000]  1000  1000      512      512      512        0         0    12288        0             0 bash
 *   [   2000]  1000  2000    10240    10240    10240        0         0    90112        0             0 hog
 *   oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=hog,pid=2000,uid=1000
 *   Out of memory: Killed process 2000 (hog) total-vm:40960kB, anon-rss:40960kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:88kB oom_score_adj:0
 *   oom_reaper: reaped process 2000 (hog), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB    (2 s later)
 * </pre>
 *
 * The stack that dump_stack() prints after the first line is left out: the simulation has no
 * kernel stack to show. Messages whose prefix is "Out of memory" are those of a global OOM.
 */
final class OomReport {
    static final String TASKS_STATE = "Tasks state (memory values in pages):";
    static final String TASKS_HEADER = "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem"
            + " pgtables_bytes swapents oom_score_adj name";
    static final String NO_KILLABLE = "Out of memory and no killable processes...";
    static final String PANIC = "Kernel panic - not syncing: System is deadlocked on memory";

    private final KernelLog log;

    OomReport(KernelLog log) {
        this.log = log;
    }

    /** dump_header(): who invoked the OOM killer, show_mem, and the eligible tasks. */
    void dumpHeader(OomControl oc, ShowMem mem, List<Task> tasks) {
        log.printk(Level.WARNING, invokedLine(oc));
        // show_mem prints at the default level, which is KERN_WARNING (default_message_loglevel 4)
        log.printk(Level.WARNING, "Mem-Info:");
        for (String line : mem.lines()) {
            log.printk(Level.WARNING, line);
        }
        log.printk(Level.INFO, TASKS_STATE);
        log.printk(Level.INFO, TASKS_HEADER);
        for (Task task : tasks) {
            if (!OomBadness.isUnkillable(task) && task.mm() != null) {
                log.printk(Level.INFO, taskRow(task, task.mm()));
            }
        }
    }

    /** dump_oom_victim(): the one-line summary of the OOM's context. */
    void dumpOomVictim(Task victim) {
        log.printk(Level.INFO, String.format(Locale.ROOT,
                "oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,"
                        + "task_memcg=/,task=%s,pid=%d,uid=%d", victim.comm(), victim.pid(), victim.uid()));
    }

    /** __oom_kill_process()'s line, printed with the victim's mm still whole. */
    void killed(Task victim, MmStruct mm) {
        log.printk(Level.ERR, String.format(Locale.ROOT,
                "Out of memory: Killed process %d (%s) total-vm:%dkB, anon-rss:%dkB, file-rss:%dkB, "
                        + "shmem-rss:%dkB, UID:%d pgtables:%dkB oom_score_adj:%d",
                victim.pid(), victim.comm(), kb(mm.totalVm()), kb(mm.counter(MmCounter.MM_ANONPAGES)),
                kb(mm.counter(MmCounter.MM_FILEPAGES)), kb(mm.counter(MmCounter.MM_SHMEMPAGES)),
                victim.uid(), pgtablesBytes(mm) >> 10, victim.oomScoreAdj()));
    }

    /** oom_reap_task_mm()'s line after the unmapping. */
    void reaped(Task victim, MmStruct mm) {
        log.printk(Level.INFO, String.format(Locale.ROOT,
                "oom_reaper: reaped process %d (%s), now anon-rss:%dkB, file-rss:%dkB, shmem-rss:%dkB",
                victim.pid(), victim.comm(), kb(mm.counter(MmCounter.MM_ANONPAGES)),
                kb(mm.counter(MmCounter.MM_FILEPAGES)), kb(mm.counter(MmCounter.MM_SHMEMPAGES))));
    }

    /** out_of_memory() with nobody to kill: the warning, then panic()'s line. */
    void noKillableProcesses() {
        log.printk(Level.WARNING, NO_KILLABLE);
        log.printk(Level.EMERG, PANIC);
    }

    static String invokedLine(OomControl oc) {
        return String.format(Locale.ROOT, "%s invoked oom-killer: gfp_mask=%s, order=%d, oom_score_adj=%d",
                oc.current().comm(), oc.gfp().describe(), oc.order(), oc.current().oomScoreAdj());
    }

    /** dump_task(): one row of the tasks table (tgid is the pid: tasks are single-threaded). */
    static String taskRow(Task task, MmStruct mm) {
        return String.format(Locale.ROOT, "[%7d] %5d %5d %8d %8d %8d %8d %9d %8d %8d         %5d %s",
                task.pid(), task.uid(), task.pid(), mm.totalVm(), mm.rss(),
                mm.counter(MmCounter.MM_ANONPAGES), mm.counter(MmCounter.MM_FILEPAGES),
                mm.counter(MmCounter.MM_SHMEMPAGES), pgtablesBytes(mm),
                mm.counter(MmCounter.MM_SWAPENTS), task.oomScoreAdj(), task.comm());
    }

    /** mm_pgtables_bytes(): kept by the page table of the mm (the PGD page not counted). */
    static long pgtablesBytes(MmStruct mm) {
        return MmOps.context(mm) == null ? mm.pgtablesBytes() : MmOps.context(mm).pageTable().pgtablesBytes();
    }

    private static long kb(long pages) {
        return pages << 2;
    }
}
