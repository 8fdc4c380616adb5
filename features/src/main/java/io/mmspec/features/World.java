package io.mmspec.features;

import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.compile.CompiledScenario;
import io.mmspec.dsl.compile.TimedAction;
import io.mmspec.dsl.run.ExpectationResult;
import io.mmspec.dsl.run.Scenarios;
import io.mmspec.dsl.run.Verdict;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.task.Task;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the steps of one Gherkin scenario share (one instance per scenario, injected by
 * PicoContainer): the scenario they write, or the scenario file they loaded, and its runs.
 * <p>
 * Given and When steps add scenario-language text; the first Then step runs it, and later Then
 * steps ask the same finished machine through the language's predicates. A Then step with timed
 * expectations adds them to the text and runs it again: runs are deterministic, so the machine
 * does the same thing up to the end. Nothing here simulates or judges on its own.
 */
public final class World {
    /** The timeline step a When step without a time of its own advances by. */
    static final long STEP_NS = 1_000_000;

    private final Runs runs = new Runs();
    private String name = "feature scenario";
    private FeatureLocation location = FeatureLocation.workingDirectory();
    private ScenarioDraft draft;
    private ScenarioFile file;
    private long lastActionNs;
    private String lastActionLabel;
    private final Set<String> labels = new HashSet<>();

    /** Called before each Gherkin scenario: its name and the feature file it is written in. */
    public void begin(String scenarioName, URI featureUri) {
        name = scenarioName;
        location = FeatureLocation.of(featureUri);
        draft = null;
        file = null;
        lastActionNs = 0;
        lastActionLabel = null;
        labels.clear();
    }

    /** The scenario the steps write; an error once a scenario file is in use. */
    public ScenarioDraft draft() {
        if (file != null) {
            throw new IllegalStateException("this scenario runs the file " + file.fileName()
                    + "; steps cannot add machine settings, processes or actions to it");
        }
        if (draft == null) {
            draft = new ScenarioDraft(name, "steps of " + location.featureName(), location.folder());
        }
        return draft;
    }

    /** Runs the scenario file {@code name} (next to the feature file, or among the examples) instead. */
    public ScenarioFile useFile(String fileName) {
        if (draft != null && draft.hasTimeline()) {
            throw new IllegalStateException("the steps already wrote a timeline; a scenario file replaces it");
        }
        file = location.scenarioFile(fileName);
        return file;
    }

    /** The text in use: the loaded file, or the steps' draft. */
    public ScenarioText text() {
        return file != null ? file : draft();
    }

    public FeatureLocation location() {
        return location;
    }

    /**
     * Adds one action to the timeline: at {@code at} if given, else one millisecond after the
     * latest action so far ({@code 1 ms} for the first). The statement is labelled with its own
     * text, so that {@link #lastActionLabel()} can ask how it ended.
     */
    public void act(Optional<io.mmspec.dsl.ast.Time> at, String action) {
        long time = at.map(io.mmspec.dsl.ast.Time::nanos).orElse(lastActionNs + STEP_NS);
        String when = at.map(t -> t.text()).orElse(Literals.millis(time));
        String label = action;
        for (int n = 2; !labels.add(label); n++) {
            label = action + " (" + n + ")";
        }
        draft().statement("at " + when + " " + Language.quote(label) + ": " + action);
        lastActionNs = Math.max(lastActionNs, time);
        lastActionLabel = label;
    }

    /** The label of the action the last When step added, for "the action failed with ENOMEM". */
    public String lastActionLabel() {
        if (lastActionLabel == null) {
            throw new IllegalStateException("no When step has added an action yet");
        }
        return lastActionLabel;
    }

    /** Adds timeline statements as written in the language (a doc string); the timeline moves past them. */
    public void actions(String statements) {
        Fragments.checkActions(statements);
        draft().statement(statements);
        CompiledScenario compiled = compile(text().render(List.of()));
        for (TimedAction timed : compiled.timeline()) {
            lastActionNs = Math.max(lastActionNs, timed.timeNs());
        }
    }

    /** The finished run of the scenario as it stands (run once, then reused). */
    public Runs.Run run() {
        return runs.run(text(), List.of(), Long.MAX_VALUE, null, this::compile);
    }

    /** The finished run with another seed (ASLR, random access patterns draw from it). */
    public Runs.Run runWithSeed(long seed) {
        return runs.run(text(), List.of(), Long.MAX_VALUE, seed, this::compile);
    }

    /** The machine at simulated time {@code ns}: every event at or before it has happened. */
    public Machine machineAt(long ns) {
        Runs.Run run = runs.run(text(), List.of(), ns, null, this::compile);
        run.requireFinished();
        return run.machine();
    }

    /** The machine at the end of the run. */
    public Machine machine() {
        Runs.Run run = run();
        run.requireFinished();
        return run.machine();
    }

    /** A process of the finished run, or a failure that names the processes there are. */
    public Task task(Machine machine, String process) {
        return machine.tasks().byName(process).orElseThrow(() -> new AssertionError(
                "there is no process '" + process + "' at this time; the processes are "
                        + machine.tasks().all().stream().map(Task::comm).toList()));
    }

    /**
     * Decides one end-of-run predicate ({@code chrome killed by oom}) on the finished machine,
     * after the language has checked it against the scenario (names, units).
     */
    public Verdict check(String predicate) {
        String expectation = "expect: " + predicate;
        ScenarioText.Rendered rendered = text().render(List.of(expectation));
        CompiledScenario checked = compile(rendered);
        int line = rendered.expectationLines().get(0);
        Expectation parsed = checked.expectations().stream()
                .filter(e -> e.span().line() == line).findFirst().orElseThrow();
        Runs.Run run = run();
        run.requireFinished();
        try {
            return run.completed().predicates().evaluate(parsed.predicate());
        } catch (RuntimeException e) {
            throw new AssertionError("could not decide '" + predicate + "': " + e.getMessage(), e);
        }
    }

    /** Fails with what was observed unless {@code predicate} holds at the end of the run. */
    public void require(String predicate) {
        Verdict verdict = check(predicate);
        if (!verdict.holds()) {
            throw new AssertionError(predicate + ": " + verdict.message());
        }
    }

    /**
     * Fails with what was observed unless {@code predicate} holds at {@code at} (the expectation
     * {@code expect at T:}, decided during a run), or at the end when no time is given.
     */
    public void require(Optional<io.mmspec.dsl.ast.Time> at, String predicate) {
        if (at.isEmpty()) {
            require(predicate);
            return;
        }
        ExpectationResult verdict = expect(List.of("expect at " + at.get().text() + ": " + predicate)).get(0);
        if (!verdict.passed()) {
            throw new AssertionError(verdict.text() + ": " + verdict.message());
        }
    }

    /**
     * Adds expectations as written in the language ({@code expect at 1.5 ms: p.rss == 0 KB}) to
     * the scenario, runs it, and returns their verdicts in order.
     */
    public List<ExpectationResult> expect(List<String> expectations) {
        Runs.Run run = runs.run(text(), expectations, Long.MAX_VALUE, null, this::compile);
        List<ExpectationResult> verdicts = new ArrayList<>();
        for (int line : run.text().expectationLines().subList(0, expectations.size())) {
            verdicts.add(run.result().expectations().stream().filter(e -> e.line() == line)
                    .findFirst().orElseThrow());
        }
        return verdicts;
    }

    /** A rendered text checked and compiled, or a failure that shows every mistake and the text. */
    private CompiledScenario compile(ScenarioText.Rendered rendered) {
        Scenarios.Loaded loaded = Scenarios.load(rendered.source(), text().fileName(), text().baseDir());
        if (!loaded.ok()) {
            String what = file != null ? "The scenario file has mistakes" : "The steps wrote a scenario with mistakes";
            throw new AssertionError(what + ":\n" + loaded.report() + "\nThe scenario:\n" + rendered.numbered());
        }
        return loaded.scenario().orElseThrow();
    }
}
