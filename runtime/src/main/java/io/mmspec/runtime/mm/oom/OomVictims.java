package io.mmspec.runtime.mm.oom;

import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.task.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every task the OOM killer has marked, in the order it marked them, with the flags the kernel
 * keeps for them: TIF_MEMDIE and signal->oom_mm (mark_oom_victim()), and on that mm
 * MMF_OOM_REAP_QUEUED (queue_oom_reaper()) and MMF_OOM_SKIP (set once the reaper is done).
 * Only victims' address spaces ever carry these flags, so they live here rather than on
 * {@link MmStruct}.
 */
final class OomVictims {
    /** One marked task. */
    static final class Victim {
        final Task task;
        /** signal->oom_mm: the address space the task had when it was marked. */
        final MmStruct oomMm;
        boolean reapQueued;
        long reapAtNs = -1;
        private boolean oomSkip;

        private Victim(Task task, MmStruct oomMm) {
            this.task = task;
            this.oomMm = oomMm;
        }

        /**
         * MMF_OOM_SKIP on oom_mm. exit_mmap() sets it too, so an address space released by
         * some other path than the reaper counts as flagged.
         */
        boolean oomSkip() {
            return oomSkip || task.mm() != oomMm;
        }

        void setOomSkip() {
            oomSkip = true;
        }
    }

    private final List<Victim> victims = new ArrayList<>();

    /** tsk_is_oom_victim(): the task's record, or null. */
    Victim of(Task task) {
        for (Victim victim : victims) {
            if (victim.task == task) {
                return victim;
            }
        }
        return null;
    }

    /** mark_oom_victim(): TIF_MEMDIE is test-and-set, so marking twice returns the same record. */
    Victim mark(Task task) {
        Victim existing = of(task);
        if (existing != null) {
            return existing;
        }
        if (task.mm() == null) {
            throw new IllegalStateException(task + " has no mm to mark as an OOM victim");
        }
        Victim victim = new Victim(task, task.mm());
        victims.add(victim);
        return victim;
    }

    /** MMF_OOM_SKIP on {@code mm}. */
    boolean oomSkip(MmStruct mm) {
        for (Victim victim : victims) {
            if (victim.oomMm == mm) {
                return victim.oomSkip();
            }
        }
        return false;
    }

    List<Task> tasks() {
        List<Task> tasks = new ArrayList<>();
        for (Victim victim : victims) {
            tasks.add(victim.task);
        }
        return Collections.unmodifiableList(tasks);
    }

    List<Victim> all() {
        return Collections.unmodifiableList(victims);
    }

    /**
     * Each victim is dead and was killed by SIGKILL; it is marked once; its address space is
     * either still its own (waiting for the reaper, or reaped and about to be released) or
     * released, and released only after MMF_OOM_SKIP; an unreaped victim has the reaper queued.
     */
    void checkInvariants() {
        for (int i = 0; i < victims.size(); i++) {
            Victim v = victims.get(i);
            for (int j = i + 1; j < victims.size(); j++) {
                if (victims.get(j).task == v.task || victims.get(j).oomMm == v.oomMm) {
                    fail(v.task + " is marked twice, or shares its oom_mm with " + victims.get(j).task);
                }
            }
            if (v.task.isAlive()) {
                fail(v.task + " is an OOM victim but still alive");
            }
            if (v.task.mm() != null && v.task.mm() != v.oomMm) {
                fail(v.task + " runs another mm than the one it was marked with");
            }
            if (!v.oomSkip() && (!v.reapQueued || v.reapAtNs < 0)) {
                fail(v.task + " holds unreaped memory but no reaper is queued for it");
            }
        }
    }

    private static void fail(String message) {
        throw new IllegalStateException("OOM victims: " + message);
    }
}
