package io.mmspec.runtime.mm.oom;

import io.mmspec.runtime.task.Task;

/**
 * What one call of {@link OomKiller#outOfMemory} did.
 *
 * @param outcome    which way out_of_memory() went
 * @param victim     the task killed, found pending, or marked; null for {@link Outcome#GFP_NOFS}
 *                   and {@link Outcome#PANIC}
 * @param points     the victim's badness when it was chosen ({@link Outcome#KILLED} only, else 0)
 * @param totalPages the totalpages badness was scaled by
 * @param reapAtNs   when the reaper unmaps the victim's memory; -1 when there is no victim
 */
public record OomResult(Outcome outcome, Task victim, long points, long totalPages, long reapAtNs) {

    /** The ways out of out_of_memory(). */
    public enum Outcome {
        /** A victim was chosen, killed and queued for the reaper. */
        KILLED,
        /** An earlier victim still holds unreaped memory: the scan aborted, nobody new dies. */
        VICTIM_PENDING,
        /** current is dying: it became the victim silently (task_will_free_mem(current)). */
        CURRENT_EXITING,
        /** No __GFP_FS: the OOM killer does not compensate for IO-less reclaim; nothing done. */
        GFP_NOFS,
        /** Nothing killable: the kernel panics ("System is deadlocked on memory"). */
        PANIC
    }

    /**
     * out_of_memory()'s return value: true when the allocator should retry. Only the panic
     * returns false (the kernel never returns from it; the simulation reports it instead).
     */
    public boolean progress() {
        return outcome != Outcome.PANIC;
    }
}
