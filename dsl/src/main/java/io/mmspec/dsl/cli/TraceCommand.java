package io.mmspec.dsl.cli;

import io.mmspec.dsl.report.TextReport;
import io.mmspec.dsl.report.TraceNarrator;
import io.mmspec.dsl.run.RunOptions;
import io.mmspec.dsl.run.ScenarioRunner;
import io.mmspec.dsl.run.Scenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mmspec trace FILE}: the narrated timeline of what the kernel did, then the verdicts. */
@Command(name = "trace", description = "Run a scenario and tell, step by step, what the kernel did.",
        mixinStandardHelpOptions = true)
public final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A scenario file (.mms).")
    Path file;

    @Option(names = "--seed", description = "Run with this seed instead of the scenario's.")
    Long seed;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("mmspec: " + file + ": no such file");
            return ExitCodes.INVALID;
        }
        Scenarios.Loaded loaded = Scenarios.load(file);
        if (!loaded.ok()) {
            err.print(loaded.report());
            err.flush();
            return ExitCodes.INVALID;
        }
        ScenarioRunner.Completed run = ScenarioRunner.runKeepingMachine(loaded.scenario().get(),
                RunOptions.defaults().withSeed(seed).withTrace(true));
        java.util.List<TraceNarrator.Note> notes = run.actions().failures().stream()
                .map(f -> new TraceNarrator.Note(f.timeNs(), f.process() + ": \"" + f.action() + "\" " + f.describe()))
                .toList();
        for (String line : TraceNarrator.narrate(run.machine().trace().events(), run.machine().log().lines(), notes)) {
            out.println(line);
        }
        long dropped = run.machine().trace().dropped();
        if (dropped > 0) {
            out.println("(the trace buffer was full: " + dropped + " later events were counted but not kept)");
        }
        out.println();
        TextReport.write(run.result(), out);
        return run.result().limit() != null ? ExitCodes.LIMIT : run.result().passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
