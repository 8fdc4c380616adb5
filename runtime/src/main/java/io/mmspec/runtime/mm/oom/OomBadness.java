package io.mmspec.runtime.mm.oom;

import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.task.Task;

/**
 * The score of a task. Mirrors mm/oom_kill.c: oom_unkillable_task() and oom_badness(), and
 * fs/proc/base.c: proc_oom_score().
 *
 * <pre>
 *   points = rss (anon + file + shmem) + swap entries + pgtables_bytes / PAGE_SIZE
 *          + oom_score_adj * (totalpages / 1000)          integer division first
 *
 *   /proc/PID/oom_score = (1000 + points * 1000 / totalpages) * 2 / 3     (0 if never chosen)
 * </pre>
 *
 * No root bonus, no CPU-time, nice or age terms: those went in 2.6.36.
 */
final class OomBadness {
    /** OOM_SCORE_ADJ_MIN: the task is never chosen. */
    static final int OOM_SCORE_ADJ_MIN = -1000;
    static final long PAGE_SIZE = 4096;

    private OomBadness() {
    }

    /** oom_unkillable_task(): the global init (pid 1) and kernel threads (no mm of their own). */
    static boolean isUnkillable(Task task) {
        return task.pid() == 1 || isKernelThread(task);
    }

    /**
     * PF_KTHREAD: a task created without an address space. A user task that has exited also has
     * none, and both are passed over the same way (find_lock_task_mm() finds no mm).
     */
    private static boolean isKernelThread(Task task) {
        return task.mm() == null && task.isAlive();
    }

    /**
     * oom_badness(): Long.MIN_VALUE for a task that is never chosen (init, a kernel thread, a
     * task without an mm or no longer alive, oom_score_adj -1000, an mm with MMF_OOM_SKIP).
     * A task that is no longer alive is one whose exit_mm() has run or is about to (an OOM
     * victim waiting for the reaper, which select_bad_process() handles before scoring).
     */
    static long oomBadness(Task task, long totalPages, boolean mmOomSkip) {
        MmStruct mm = task.mm();
        if (isUnkillable(task) || mm == null || !task.isAlive()) {
            return Long.MIN_VALUE;
        }
        long adj = task.oomScoreAdj();
        if (adj == OOM_SCORE_ADJ_MIN || mmOomSkip) {
            return Long.MIN_VALUE;
        }
        long points = mm.rss() + mm.counter(MmCounter.MM_SWAPENTS)
                + OomReport.pgtablesBytes(mm) / PAGE_SIZE;
        return points + adj * (totalPages / 1000);
    }

    /** proc_oom_score(): the badness scaled into 0..2000, 0 for a task never chosen. */
    static long oomScore(long badness, long totalPages) {
        if (badness == Long.MIN_VALUE) {
            return 0;
        }
        return (1000 + badness * 1000 / totalPages) * 2 / 3;
    }
}
