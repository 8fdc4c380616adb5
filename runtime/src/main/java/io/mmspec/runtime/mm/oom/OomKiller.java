package io.mmspec.runtime.mm.oom;

import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;
import io.mmspec.runtime.task.Exit;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.task.TaskList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The OOM killer of one machine. Mirrors mm/oom_kill.c: out_of_memory(), select_bad_process()
 * and oom_evaluate_task(), oom_badness(), oom_kill_process() / __oom_kill_process() and
 * mark_oom_victim(); the reaper is {@link OomReaper}, the log lines {@link OomReport}.
 *
 * <pre>
 *   out_of_memory(oc)
 *     current dying, its mm not yet reaped  → mark it, queue the reaper       CURRENT_EXITING
 *     no __GFP_FS                           → nothing                         GFP_NOFS
 *     totalpages = totalram_pages + total_swap_pages
 *     select_bad_process: every task in creation order
 *       init, kernel thread                 → next
 *       an OOM victim: MMF_OOM_SKIP         → next
 *                      otherwise            → abort                           VICTIM_PENDING
 *       badness LONG_MIN, or < chosen       → next      (so ties go to the later task)
 *       else                                → chosen
 *     none chosen → dump_header, "Out of memory and no killable processes...",
 *                   panic                                                      PANIC
 *     oom_kill_process: dump_header, dump_oom_victim, oom_kill++, SIGKILL,
 *                   mark, "Out of memory: Killed process ...", reaper in 2 s   KILLED
 * </pre>
 *
 * The victim is dead for the scenario at once, but keeps its address space until the reaper
 * has unmapped its private memory; an allocation that keeps failing meanwhile finds the victim
 * pending and kills nobody new. Log lines carry the clock's time: the start of the step of
 * the task whose allocation failed.
 */
public final class OomKiller {
    private final java.util.Map<Task, Long> scoreAtKill = new java.util.IdentityHashMap<>();
    /** OOM_SCORE_ADJ_MIN: a task with this oom_score_adj is never chosen. */
    public static final int OOM_SCORE_ADJ_MIN = OomBadness.OOM_SCORE_ADJ_MIN;
    /** OOM_SCORE_ADJ_MAX. */
    public static final int OOM_SCORE_ADJ_MAX = 1000;
    /** OOM_REAPER_DELAY (2*HZ) in nanoseconds. */
    public static final long OOM_REAPER_DELAY_NS = OomReaper.OOM_REAPER_DELAY_NS;
    /** The cause recorded with the victim's SIGKILL. */
    public static final String KILL_CAUSE = "oom-killer";

    private final TaskList tasks;
    private final Exit exit;
    private final Current current;
    private final Trace trace;
    private final VmEventCounters vmEvents;
    private final OomMemory memory;
    private final OomVictims victims = new OomVictims();
    private final OomReport report;
    private final OomReaper reaper;
    private long kills;

    public OomKiller(TaskList tasks, Exit exit, MmOps mmOps, EventQueue queue, SimClock clock,
                     Current current, KernelLog log, Trace trace, VmEventCounters vmEvents,
                     OomMemory memory) {
        this.tasks = tasks;
        this.exit = exit;
        this.current = current;
        this.trace = trace;
        this.vmEvents = vmEvents;
        this.memory = memory;
        this.report = new OomReport(log);
        this.reaper = new OomReaper(queue, clock, current, mmOps, exit, report, trace, memory);
    }

    /** constrained_alloc() for a global OOM: totalram_pages() + total_swap_pages. */
    public long totalPages() {
        return memory.totalramPages() + memory.totalSwapPages();
    }

    /** oom_badness(): the task's points, or Long.MIN_VALUE if it is never chosen. May be negative. */
    public long oomBadness(Task task, long totalPages) {
        return OomBadness.oomBadness(task, totalPages, task.mm() != null && victims.oomSkip(task.mm()));
    }

    /**
     * The oom_score a victim had when it was chosen (its /proc entry is gone afterwards), so
     * that a scenario can still compare it with the survivors'.
     */
    public java.util.OptionalLong oomScoreAtKill(Task task) {
        Long score = scoreAtKill.get(task);
        return score == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(score);
    }

    /** /proc/PID/oom_score (proc_oom_score()): 0..2000, 0 for a task never chosen. */
    public long oomScore(Task task) {
        long totalPages = totalPages();
        return OomBadness.oomScore(oomBadness(task, totalPages), totalPages);
    }

    /** tsk_is_oom_victim(): the OOM killer marked this task (it may use the ALLOC_OOM reserve). */
    public boolean isOomVictim(Task task) {
        return victims.of(task) != null;
    }

    /** Every task the OOM killer marked, in order. */
    public List<Task> victims() {
        return victims.tasks();
    }

    /** How many processes this OOM killer has killed (vmstat's oom_kill counts from time 0). */
    public long kills() {
        return kills;
    }

    /** When the earliest queued reaper will run, if a victim still holds unreaped memory. */
    public OptionalLong nextReapAt() {
        long next = Long.MAX_VALUE;
        for (OomVictims.Victim victim : victims.all()) {
            if (!victim.oomSkip() && victim.reapQueued) {
                next = Math.min(next, victim.reapAtNs);
            }
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** out_of_memory(): see the class comment. */
    public OomResult outOfMemory(OomControl oc) {
        long totalPages = totalPages();
        if (taskWillFreeMem(oc.current())) {
            OomVictims.Victim victim = victims.mark(oc.current());
            long reapAt = reaper.queueOomReaper(victim);
            return new OomResult(OomResult.Outcome.CURRENT_EXITING, oc.current(), 0, totalPages, reapAt);
        }
        if (!oc.gfp().has(Gfp.__GFP_FS)) {
            return new OomResult(OomResult.Outcome.GFP_NOFS, null, 0, totalPages, -1);
        }
        Selection chosen = selectBadProcess(totalPages);
        if (chosen.pending != null) {
            return new OomResult(OomResult.Outcome.VICTIM_PENDING, chosen.pending.task, 0, totalPages,
                    chosen.pending.reapAtNs);
        }
        if (chosen.task == null) {
            report.dumpHeader(oc, memory.showMem(), tasks.all());
            report.noKillableProcesses();
            return new OomResult(OomResult.Outcome.PANIC, null, 0, totalPages, -1);
        }
        long reapAt = oomKillProcess(oc, chosen.task, chosen.points);
        scoreAtKill.put(chosen.task, OomBadness.oomScore(chosen.points, totalPages));
        return new OomResult(OomResult.Outcome.KILLED, chosen.task, chosen.points, totalPages, reapAt);
    }

    /**
     * task_will_free_mem(): the task is dying (killed, or exiting) with an address space the
     * reaper has not had yet. Address spaces are never shared between processes here.
     */
    private boolean taskWillFreeMem(Task task) {
        MmStruct mm = task.mm();
        return mm != null && !task.isAlive() && !victims.oomSkip(mm);
    }

    /** The result of select_bad_process(): a task and its points, or the victim it stopped at. */
    private record Selection(Task task, long points, OomVictims.Victim pending) {
    }

    /** select_bad_process() with oom_evaluate_task() inlined. */
    private Selection selectBadProcess(long totalPages) {
        Task chosen = null;
        long chosenPoints = Long.MIN_VALUE;
        for (Task task : tasks.all()) {
            if (OomBadness.isUnkillable(task)) {
                continue;
            }
            OomVictims.Victim victim = victims.of(task);
            if (victim != null) {
                if (victim.oomSkip()) {
                    continue;
                }
                return new Selection(null, 0, victim);
            }
            long points = oomBadness(task, totalPages);
            if (points == Long.MIN_VALUE || points < chosenPoints) {
                continue;
            }
            chosen = task;
            chosenPoints = points;
        }
        return new Selection(chosen, chosenPoints, null);
    }

    /** oom_kill_process() → __oom_kill_process(): the report, the kill, the mark, the reaper. */
    private long oomKillProcess(OomControl oc, Task victim, long points) {
        report.dumpHeader(oc, memory.showMem(), tasks.all());
        report.dumpOomVictim(victim);
        MmStruct mm = victim.mm();
        vmEvents.count(VmEvent.OOM_KILL);
        exit.killKeepingMm(victim, KILL_CAUSE);
        OomVictims.Victim marked = victims.mark(victim);
        kills++;
        report.killed(victim, mm);
        trace.event(EventKind.OOM_KILL, current.cpu(), victim.pid())
                .with("points", points)
                .with("total_vm", mm.totalVm() << 2)
                .with("anon_rss", mm.counter(MmCounter.MM_ANONPAGES) << 2)
                .with("file_rss", mm.counter(MmCounter.MM_FILEPAGES) << 2)
                .with("shmem_rss", mm.counter(MmCounter.MM_SHMEMPAGES) << 2)
                .with("oom_score_adj", victim.oomScoreAdj())
                .with("invoked_by", oc.current().comm())
                .with("gfp", oc.gfp().describe())
                .with("order", oc.order())
                .emit();
        return reaper.queueOomReaper(marked);
    }

    /** The victims' bookkeeping: see {@link OomVictims#checkInvariants()}. */
    public void checkInvariants() {
        victims.checkInvariants();
        long marked = 0;
        for (OomVictims.Victim victim : victims.all()) {
            if (victim.task.fatalSignal().filter(s -> KILL_CAUSE.equals(s.cause())).isPresent()) {
                marked++;
            }
        }
        if (marked != kills) {
            throw new IllegalStateException("OOM victims: " + kills + " kills but " + marked
                    + " victims died of the OOM killer's SIGKILL");
        }
    }
}
