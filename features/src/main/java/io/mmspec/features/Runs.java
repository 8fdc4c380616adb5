package io.mmspec.features;

import io.mmspec.dsl.compile.CompiledScenario;
import io.mmspec.dsl.run.ExpectationResult;
import io.mmspec.dsl.run.RunOptions;
import io.mmspec.dsl.run.RunResult;
import io.mmspec.dsl.run.ScenarioRunner;
import io.mmspec.runtime.Machine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The runs of one Gherkin scenario, kept by their text and end time: a run is deterministic, so
 * the same text run to the same time is the same machine, and is run once.
 * <p>
 * Every run carries one probe expectation that holds whenever a run reaches its end: if a
 * mechanism this version lacks stops the run, the probe's verdict carries the reason, so a Then
 * step can say why instead of judging a machine that stopped half way. A run cut at a time T
 * (to look at the machine then) also carries an expectation at T: the executor runs a process's
 * steps back to back only up to the next expectation's time, so the cut falls exactly at T.
 */
public final class Runs {
    /** Holds in every run that reaches its end; see the class comment. */
    static final String PROBE = "expect: vmstat.pgfault >= 0";
    private static final int KEPT = 8;
    /** A system property: check the machine's invariants after every Nth event of every run. */
    public static final String CHECK_EVERY_NTH_EVENT = "mmspec.checkInvariantsEvery";

    private final Map<String, Run> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Run> eldest) {
            return size() > KEPT;
        }
    };

    /**
     * One finished run.
     *
     * @param text       the scenario text that ran, with the probe
     * @param scenario   what it compiled to
     * @param completed  the verdicts, the machine and its predicates
     * @param stopAtNs   the simulated time the run was cut at (Long.MAX_VALUE: its end)
     */
    public record Run(ScenarioText.Rendered text, CompiledScenario scenario,
                      ScenarioRunner.Completed completed, long stopAtNs) {

        public Machine machine() {
            return completed.machine();
        }

        public RunResult result() {
            return completed.result();
        }

        /** The verdicts of the scenario's own expectations (and of those a step added), without the probe. */
        public List<ExpectationResult> expectations() {
            int probe = probeLine();
            return result().expectations().stream().filter(e -> e.line() != probe).toList();
        }

        /**
         * Fails unless the run got as far as it was asked to: to its end, or to its cut time. A
         * limit (events, real time) or a mechanism this version lacks stops a run early.
         */
        public void requireFinished() {
            String limit = result().limit();
            boolean cut = stopAtNs != Long.MAX_VALUE && limit != null && limit.contains("simulated time passed");
            if (limit != null && !cut) {
                throw new AssertionError("the run did not finish: " + limit);
            }
            int probe = probeLine();
            result().expectations().stream().filter(e -> e.line() == probe && !e.passed() && limit == null)
                    .findFirst().ifPresent(e -> {
                        throw new AssertionError("the run did not finish: " + e.message());
                    });
        }

        private int probeLine() {
            List<Integer> lines = text.expectationLines();
            return lines.get(lines.size() - 1);
        }
    }

    /**
     * The run of {@code text} (with {@code expectations} added) to {@code stopAtNs}, with the
     * scenario's seed or {@code seed} if not null, from the
     * kept runs or run now; {@code load} checks and compiles a text or fails with its mistakes.
     */
    Run run(ScenarioText text, List<String> expectations, long stopAtNs, Long seed,
            Function<ScenarioText.Rendered, CompiledScenario> load) {
        List<String> all = new java.util.ArrayList<>(expectations);
        if (stopAtNs != Long.MAX_VALUE) {
            // an expectation at the cut time keeps the executor from running steps past it
            all.add("expect at " + Literals.millis(stopAtNs) + ": vmstat.pgfault >= 0");
        }
        all.add(PROBE);
        ScenarioText.Rendered rendered = text.render(all);
        String key = stopAtNs + " " + seed + "\n" + rendered.source();
        Run run = kept.get(key);
        if (run == null) {
            CompiledScenario scenario = load.apply(rendered);
            RunOptions options = options(stopAtNs).withSeed(seed);
            run = new Run(rendered, scenario, runKeepingMachine(scenario, options, rendered), stopAtNs);
            checkInvariants(run);
            kept.put(key, run);
        }
        return run;
    }

    private static ScenarioRunner.Completed runKeepingMachine(CompiledScenario scenario, RunOptions options,
                                                              ScenarioText.Rendered text) {
        try {
            return ScenarioRunner.runKeepingMachine(scenario, options);
        } catch (RuntimeException e) {
            throw new AssertionError("the simulator failed while running the scenario: " + e
                    + "\nThe scenario:\n" + text.numbered(), e);
        }
    }

    /**
     * The machine a Then step looks at must be consistent: every mechanism recounts its state
     * (free + used pages, mapcounts against page tables, TLBs) when the run ends.
     */
    private static void checkInvariants(Run run) {
        try {
            run.machine().checkInvariants();
        } catch (IllegalStateException e) {
            throw new AssertionError("the simulated kernel is inconsistent after the run: " + e.getMessage(), e);
        }
    }

    /**
     * Every trace event kept (event predicates). The invariants are checked at the end of each
     * run; with the system property {@value #CHECK_EVERY_NTH_EVENT} = N also after every Nth event
     * (1: every event; thorough, and a thousand times slower on a run of thousands of faults).
     */
    private static RunOptions options(long stopAtNs) {
        RunOptions defaults = RunOptions.defaults().withTrace(true)
                .withInvariantChecks(Integer.getInteger(CHECK_EVERY_NTH_EVENT, 0));
        return new RunOptions(defaults.seed(), Math.min(stopAtNs, defaults.maxSimulatedNs()), defaults.maxEvents(),
                defaults.maxWallMillis(), defaults.recordTrace(), defaults.checkInvariants());
    }
}
