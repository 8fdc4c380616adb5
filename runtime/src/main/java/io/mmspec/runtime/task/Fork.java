package io.mmspec.runtime.task;

import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.Mmap;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.Trace;

/**
 * fork(2). Mirrors kernel/fork.c: copy_process() → copy_mm() → dup_mm() → dup_mmap(): the child
 * gets a copy of every VMA and, where anonymous pages live, of the page tables, with private
 * pages shared copy-on-write. The child starts with zero fault counters and the parent's
 * oom_score_adj, uid and region names. If the child's task_struct or kernel stack cannot be
 * had (ENOMEM), the copied address space is torn down again and nothing is left behind.
 */
public final class Fork {
    private final TaskList tasks;
    private final Mmap mmap;
    private final MmOps mmOps;
    private final Trace trace;
    private final Exit exit;

    public Fork(TaskList tasks, Mmap mmap, MmOps mmOps, Trace trace, Exit exit) {
        this.tasks = tasks;
        this.exit = exit;
        this.mmap = mmap;
        this.mmOps = mmOps;
        this.trace = trace;
    }

    /** Forks {@code parent}; the child is called {@code childName} and gets {@code pid} (0: any). */
    public Task fork(Task parent, String childName, int pid) {
        MmStruct childMm = parent.mm() == null ? null : mmap.dupMmap(parent.mm());
        if (childMm != null) {
            mmOps.ensureContext(childMm);
        }
        Task child;
        try {
            child = tasks.create(pid, childName, parent, parent.uid(), parent.nice(), parent.oomScoreAdj(), childMm);
        } catch (RuntimeException e) {
            if (childMm != null) {
                exit.releaseUnusedMm(parent, childMm); // copy_process()'s bad_fork_cleanup_mm
            }
            throw e;
        }
        child.replaceRegions(parent.regions());
        trace.event(EventKind.FORK, parent.cpu(), parent.pid())
                .with("child", child.comm()).with("child_pid", child.pid()).emit();
        return child;
    }
}
