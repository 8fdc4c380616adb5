package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.ast.FileDecl;
import io.mmspec.dsl.ast.Machine;
import io.mmspec.dsl.ast.ProcessAction;
import io.mmspec.dsl.ast.ProcessDecl;
import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.diag.Diagnostic;
import io.mmspec.dsl.diag.Diagnostics;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The semantic checks of a scenario, all at once: names that do not resolve (with "did you
 * mean"), values out of range, units that do not fit, time going backwards, names used before
 * they exist. A scenario the checker passes can be compiled.
 */
public final class ScenarioChecker {

    private ScenarioChecker() {
    }

    /**
     * Every mistake of a parsed scenario, by position.
     *
     * @param baseDir the scenario's folder, to find trace files; empty for a scenario held in a string
     */
    public static List<Diagnostic> check(Scenario scenario, Optional<Path> baseDir) {
        Diagnostics diagnostics = new Diagnostics();
        Findings findings = new Findings(diagnostics);
        List<String> disks = scenario.machine().map(MachineCheck::diskNames).orElse(List.of());
        scenario.machine().ifPresent(machine -> new MachineCheck(findings).check(machine));
        DeclarationCheck declarations = new DeclarationCheck(findings);
        declarations.checkFiles(scenario.files(), disks);
        declarations.checkProcesses(scenario.processes());

        World world = new World();
        Map<Long, String> pids = new LinkedHashMap<>();
        for (ProcessDecl process : scenario.processes()) {
            world.createProcess(process.name().text(), process.name().span());
            process.usesAs().ifPresent(region -> world.bind(process.name().text(), region.text()));
            process.pid().ifPresent(pid -> pids.putIfAbsent(pid.value(), process.name().text()));
        }
        Map<String, Long> fileSizes = new LinkedHashMap<>();
        for (FileDecl file : scenario.files()) {
            world.createFile(file.path().value(), file.path().span());
            fileSizes.putIfAbsent(file.path().value(), DeclarationCheck.fileSize(file));
        }
        long nodes = scenario.machine().flatMap(Machine::numaNodes).map(n -> Math.max(n.value(), 1)).orElse(1L);
        checkTimeline(findings, world, declarations, pids, fileSizes, nodes, baseDir,
                scenario.timeline(), scenario.expectations());
        return diagnostics.sorted();
    }

    /**
     * Every mistake of a fragment (Gherkin doc strings): timeline statements and expectations
     * about processes and files that exist outside the fragment. The regions of those processes
     * are not known here, so they are not checked.
     */
    public static List<Diagnostic> checkFragment(List<Statement> statements, List<Expectation> expectations,
                                                 Collection<String> knownProcesses, Collection<String> knownFiles) {
        Diagnostics diagnostics = new Diagnostics();
        Findings findings = new Findings(diagnostics);
        World world = new World();
        knownProcesses.forEach(world::addExternalProcess);
        knownFiles.forEach(file -> world.createFile(file, null));
        checkTimeline(findings, world, new DeclarationCheck(findings), new LinkedHashMap<>(), Map.of(), 1,
                Optional.empty(), statements, expectations);
        return diagnostics.sorted();
    }

    private static void checkTimeline(Findings findings, World world, DeclarationCheck declarations,
                                      Map<Long, String> pids, Map<String, Long> fileSizes, long nodes,
                                      Optional<Path> baseDir, List<Statement> timeline, List<Expectation> expectations) {
        References refs = new References(findings, world, nodes, fileSizes, writtenFiles(timeline));
        ActionCheck actions = new ActionCheck(refs, new ProcessActionCheck(refs, declarations, pids, baseDir),
                new KernelActionCheck(refs));
        new TimelineCheck(findings, world, actions).check(timeline);
        new ExpectationCheck(findings, world, TimelineCheck.labels(timeline).keySet(), refs).check(expectations);
    }

    /** Files some action writes: they may grow, so offsets past their declared end are fine. */
    private static List<String> writtenFiles(List<Statement> timeline) {
        LinkedHashSet<String> written = new LinkedHashSet<>();
        for (Statement statement : timeline) {
            statement.actions().stream()
                    .filter(ProcessAction.FileWrite.class::isInstance)
                    .map(a -> ((ProcessAction.FileWrite) a).path().value())
                    .forEach(written::add);
        }
        return List.copyOf(written);
    }
}
