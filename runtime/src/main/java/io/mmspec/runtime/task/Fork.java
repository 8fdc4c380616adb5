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
 * oom_score_adj, uid and region names.
 */
public final class Fork {
    private final TaskList tasks;
    private final Mmap mmap;
    private final MmOps mmOps;
    private final Trace trace;

    public Fork(TaskList tasks, Mmap mmap, MmOps mmOps, Trace trace) {
        this.tasks = tasks;
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
        Task child = tasks.create(pid, childName, parent, parent.uid(), parent.nice(),
                parent.oomScoreAdj(), childMm);
        child.replaceRegions(parent.regions());
        trace.event(EventKind.FORK, parent.cpu(), parent.pid())
                .with("child", child.comm()).with("child_pid", child.pid()).emit();
        return child;
    }
}
