package io.mmspec.runtime.task;

import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Runs each task's jobs one after another on the simulated clock: a job starts at its time or
 * when the task's previous job ends, whichever is later, and each step lasts what its work
 * cost. This stands in for the scheduler (kernel/sched) of single-threaded tasks that each
 * own a CPU; it does not model time-slicing or run-queue contention.
 */
public final class TaskExecutor {
    /** Called before each step so the CPU runs the task's address space (switch_mm). */
    public interface ContextSwitch {
        void switchTo(Task task);
    }

    private final EventQueue queue;
    private final SimClock clock;
    private final CostMeter meter;
    private final ContextSwitch contextSwitch;
    private final Map<Task, Deque<Pending>> pending = new IdentityHashMap<>();
    private final Map<Task, Boolean> busy = new IdentityHashMap<>();
    private LongSupplier horizon = () -> Long.MAX_VALUE;
    private long steps;

    public TaskExecutor(EventQueue queue, SimClock clock, CostMeter meter, ContextSwitch contextSwitch) {
        this.queue = queue;
        this.clock = clock;
        this.meter = meter;
        this.contextSwitch = contextSwitch;
    }

    /** Queues {@code job} for {@code task} at {@code atNs}; {@code done} hears how it ended. */
    public void submit(Task task, long atNs, Job job, Consumer<JobOutcome> done) {
        pending.computeIfAbsent(task, t -> new ArrayDeque<>()).add(new Pending(atNs, job, done));
        queue.at(atNs, () -> tryStart(task));
    }

    /** True while some task has a job queued or running. */
    public boolean hasWork() {
        for (Deque<Pending> jobs : pending.values()) {
            if (!jobs.isEmpty()) {
                return true;
            }
        }
        return busy.containsValue(Boolean.TRUE);
    }

    private void tryStart(Task task) {
        Deque<Pending> jobs = pending.get(task);
        if (busy.getOrDefault(task, false) || jobs == null || jobs.isEmpty()) {
            return;
        }
        Pending next = jobs.peek();
        if (next.atNs > clock.now()) {
            return; // its own event will come
        }
        jobs.poll();
        long start = clock.now();
        if (!task.isAlive()) {
            next.done.accept(new JobOutcome(JobOutcome.Status.SKIPPED, null,
                    task.comm() + " is no longer alive", start, start));
            tryStart(task);
            return;
        }
        busy.put(task, true);
        runStep(task, next, start);
    }

    /**
     * Runs steps of {@code job} back to back while the next one would start strictly before
     * any other queued event (nothing else can happen in between, so the result is the same as
     * one event per step, without allocating an event per page).
     */
    private void runStep(Task task, Pending job, long start) {
        while (true) {
            long nextStart = step(task, job, start);
            if (nextStart < 0) {
                return;
            }
            if (nextStart >= queue.nextTime() || nextStart > horizon.getAsLong()) {
                queue.at(nextStart, () -> runStep(task, job, start));
                return;
            }
            clock.advanceTo(nextStart);
        }
    }

    /** One step; the time the next step starts, or -1 when the job has ended (or was scheduled). */
    private long step(Task task, Pending job, long start) {
        steps++;
        if (!task.isAlive()) {
            finish(task, job, new JobOutcome(JobOutcome.Status.KILLED, null,
                    task.comm() + " was killed", start, clock.now()), 0);
            return -1;
        }
        meter.take(); // work charged outside any step belongs to nobody
        boolean more;
        try {
            contextSwitch.switchTo(task);
            more = job.job.step();
        } catch (SyscallException e) {
            long cost = meter.take();
            finish(task, job, new JobOutcome(JobOutcome.Status.FAILED, e.errno(), e.getMessage(),
                    start, clock.now() + cost), cost);
            return -1;
        }
        long cost = meter.take();
        if (!task.isAlive()) {
            finish(task, job, new JobOutcome(JobOutcome.Status.KILLED, null,
                    task.comm() + " was killed", start, clock.now() + cost), cost);
        } else if (more) {
            return clock.now() + cost;
        } else {
            finish(task, job, new JobOutcome(JobOutcome.Status.SUCCEEDED, null, "", start,
                    clock.now() + cost), cost);
        }
        return -1;
    }

    /** Steps run so far (every page touched, every system call): the simulation's real size. */
    public long steps() {
        return steps;
    }

    /**
     * Limits running steps back to back: no step starts after this time without an event of its
     * own (a run sets it to the next time an expectation must be evaluated).
     */
    public void setHorizon(LongSupplier horizon) {
        this.horizon = horizon;
    }

    private void finish(Task task, Pending job, JobOutcome outcome, long cost) {
        queue.after(cost, () -> {
            busy.put(task, false);
            job.done.accept(outcome);
            tryStart(task);
        });
    }

    private record Pending(long atNs, Job job, Consumer<JobOutcome> done) {
    }
}
