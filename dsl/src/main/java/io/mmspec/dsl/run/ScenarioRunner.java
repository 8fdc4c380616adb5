package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.Action;
import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.ast.KernelAction;
import io.mmspec.dsl.ast.Predicate;
import io.mmspec.dsl.ast.ProcessAction;
import io.mmspec.dsl.ast.ProcessDecl;
import io.mmspec.dsl.compile.CompiledScenario;
import io.mmspec.dsl.compile.TimedAction;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.task.Job;
import io.mmspec.runtime.task.JobOutcome;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a compiled scenario: boots its machine, creates its files and processes, hands each
 * action to its process at its time, and evaluates the expectations ({@code at T} once the
 * clock has passed T, {@code by}/{@code never}/{@code always} after every event, the rest at the
 * end). A mechanism this version lacks stops the run and is named in every verdict left open.
 */
public final class ScenarioRunner {
    private final CompiledScenario scenario;
    private final RunOptions options;
    private final Machine machine;
    private final ActionLog actionLog = new ActionLog();
    private final Predicates predicates;
    private final ActionJobs jobs;
    private final Expectations expectations;
    private Task kernelThread;
    private String stopped;
    private boolean limitHit;

    private ScenarioRunner(CompiledScenario scenario, RunOptions options) {
        this.scenario = scenario;
        this.options = options;
        MachineConfig config = options.seed() == null ? scenario.config()
                : scenario.config().toBuilder().seed(options.seed()).build();
        this.machine = Machine.boot(config);
        this.predicates = new Predicates(machine, actionLog);
        this.jobs = new ActionJobs(machine, new KernelObjects());
        this.expectations = new Expectations(scenario, predicates);
    }

    /** Runs {@code scenario} to its end (or a limit) and returns every verdict. */
    public static RunResult run(CompiledScenario scenario, RunOptions options) {
        ScenarioRunner runner = new ScenarioRunner(scenario, options);
        runner.execute();
        return runner.result();
    }

    /** Runs and hands back the machine too, for a trace or a step library to look at. */
    public static Completed runKeepingMachine(CompiledScenario scenario, RunOptions options) {
        ScenarioRunner runner = new ScenarioRunner(scenario, options);
        runner.execute();
        return new Completed(runner.result(), runner.machine, runner.predicates, runner.actionLog);
    }

    /** A finished run with its machine and how its actions ended, for further questions. */
    public record Completed(RunResult result, Machine machine, Predicates predicates, ActionLog actions) {
    }

    private void execute() {
        if (!scenario.unsupported().isEmpty()) {
            stopped = "the scenario needs " + String.join(", ", scenario.unsupported())
                    + ", which this version of mmspec does not simulate yet";
            return;
        }
        machine.trace().setRecording(options.recordTrace() || needsTrace());
        if (options.recordTrace()) {
            machine.trace().setCapacity(io.mmspec.runtime.sim.Trace.FULL_TRACE_CAPACITY);
        } else {
            machine.trace().keepOnly(EventPredicates.kindsAskedFor(scenario.expectations()));
        }
        try {
            setUp();
            schedule();
            loop();
        } catch (MechanismUnavailable | UnsupportedOperationException | io.mmspec.runtime.KernelPanic e) {
            stopped = "the run stopped at " + io.mmspec.runtime.sim.SimClock.seconds(machine.clock().now())
                    + " s: " + e.getMessage();
        }
    }

    private boolean needsTrace() {
        return scenario.expectations().stream().anyMatch(e -> e.predicate() instanceof Predicate.Event);
    }

    private void setUp() {
        Setup.createFiles(machine, scenario.files());
        for (ProcessDecl p : scenario.processes()) {
            Setup.createProcess(machine, p);
        }
        kernelThread = machine.kernelThread();
        Setup.finish(machine);
        if (options.checkInvariants() > 0) {
            machine.checkInvariants();
        }
    }

    private void schedule() {
        // steps may run back to back up to the next expectation's time, unless every event is checked
        machine.executor().setHorizon(options.checkInvariants() == 1 ? () -> Long.MIN_VALUE
                : expectations::nextDeadline);
        for (TimedAction timed : scenario.timeline()) {
            machine.queue().at(timed.timeNs(), () -> submit(timed));
        }
    }

    private void submit(TimedAction timed) {
        Action action = timed.action();
        String label = timed.label().orElse("line " + action.span().line());
        Task task = action instanceof KernelAction ? kernelThread : actor(action);
        if (task == null) {
            long now = machine.clock().now();
            actionLog.record(label, actorName(action), scenario.quote(action.span()),
                    new JobOutcome(JobOutcome.Status.SKIPPED, null,
                            "no process " + actorName(action) + " exists at this time", now, now));
            return;
        }
        String text = scenario.quote(action.span());
        machine.executor().submit(task, machine.clock().now(), lazy(action, task),
                outcome -> actionLog.record(label, task.comm(), text, outcome));
    }

    private Task actor(Action action) {
        return machine.tasks().byName(actorName(action)).orElse(null);
    }

    private static String actorName(Action action) {
        if (action instanceof ProcessAction p) {
            return p.process().text();
        }
        Action.Kill kill = (Action.Kill) action;
        return kill.sender().map(n -> n.text()).orElse(kill.target().text());
    }

    /** The job is built when its process starts it: regions bound by earlier actions exist then. */
    private Job lazy(Action action, Task task) {
        return new Job() {
            private Job job;

            @Override
            public boolean step() {
                try {
                    if (job == null) {
                        job = jobs.jobFor(action, task);
                    }
                    return job.step();
                } catch (IllegalStateException | java.util.NoSuchElementException e) {
                    throw new SyscallException(Errno.EFAULT, e.getMessage() == null ? "no such object" : e.getMessage());
                }
            }
        };
    }

    private void loop() {
        long wallStart = System.nanoTime();
        long events = 0;
        while (!machine.queue().isEmpty()) {
            long next = machine.queue().nextTime();
            expectations.evaluateAtTimesBefore(next);
            if (next > options.maxSimulatedNs()) {
                limit("simulated time passed " + io.mmspec.runtime.sim.SimClock.seconds(options.maxSimulatedNs()) + " s");
                return;
            }
            machine.queue().runNext();
            events++;
            if (options.checkInvariants() > 0 && events % options.checkInvariants() == 0) {
                machine.checkInvariants();
            }
            expectations.evaluateContinuous(machine.clock().now());
            if (events >= options.maxEvents()) {
                limit(events + " simulation events");
                return;
            }
            if ((events & 0xfff) == 0 && (System.nanoTime() - wallStart) / 1_000_000 > options.maxWallMillis()) {
                limit(options.maxWallMillis() / 1000 + " s of real time");
                return;
            }
        }
        expectations.evaluateAtTimesBefore(Long.MAX_VALUE);
        expectations.evaluateAtEnd();
        if (options.checkInvariants() > 0) {
            machine.checkInvariants();
        }
    }

    private void limit(String what) {
        limitHit = true;
        stopped = "a limit stopped the run at " + io.mmspec.runtime.sim.SimClock.seconds(machine.clock().now())
                + " s: " + what;
    }

    private RunResult result() {
        List<ProcessSummary> processes = new ArrayList<>();
        for (Task task : machine.tasks().all()) {
            if (task != kernelThread) {
                processes.add(new ProcessSummary(task.comm(), task.pid(),
                        task.state().name().toLowerCase(java.util.Locale.ROOT),
                        task.isAlive() ? "" : Predicates.describe(task)));
            }
        }
        java.util.Map<String, Long> meminfo = new java.util.LinkedHashMap<>();
        machine.proc().meminfo().forEach((field, value) -> meminfo.put(field.label(), value));
        List<String> dmesg = machine.log().lines().stream().map(l -> l.formatted()).toList();
        return new RunResult(scenario.name(), scenario.file(), machine.config().seed(),
                expectations.results(stopped), processes, machine.proc().vmstat(), meminfo, dmesg,
                machine.clock().now(), machine.queue().processed() + machine.executor().steps(),
                limitHit ? stopped : null);
    }

    /** The stop reason if the run could not finish for want of a mechanism (not a limit). */
    String stoppedReason() {
        return stopped;
    }

    List<Expectation> expectationList() {
        return scenario.expectations();
    }
}
