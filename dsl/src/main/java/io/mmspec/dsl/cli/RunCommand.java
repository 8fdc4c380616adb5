package io.mmspec.dsl.cli;

import io.mmspec.dsl.report.JsonReport;
import io.mmspec.dsl.report.TextReport;
import io.mmspec.dsl.run.RunOptions;
import io.mmspec.dsl.run.RunResult;
import io.mmspec.dsl.run.ScenarioRunner;
import io.mmspec.dsl.run.Scenarios;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mmspec run FILE...}: runs each scenario and prints its verdicts. Exit 0 when every
 * expectation of every file holds, 1 when one does not, 2 when a file is invalid, 3 when a
 * limit stopped a run.
 */
@Command(name = "run", description = "Run scenarios and print the verdict of every expectation.",
        mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {
    /** How the verdicts are printed. */
    public enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Scenario files (.mms).")
    List<Path> files;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--seed", description = "Run with this seed instead of the scenario's.")
    Long seed;

    @Option(names = "--max-events", defaultValue = "200000000",
            description = "Stop a run after this many simulation events (default: ${DEFAULT-VALUE}); exit 3.")
    long maxEvents;

    @Option(names = "--timeout", defaultValue = "600",
            description = "Stop a run after this many seconds of real time (default: ${DEFAULT-VALUE}); exit 3.")
    long timeoutSeconds;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<RunResult> results = new ArrayList<>();
        int exit = ExitCodes.OK;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("mmspec: " + file + ": no such file");
                exit = Math.max(exit, ExitCodes.INVALID);
                continue;
            }
            Scenarios.Loaded loaded = Scenarios.load(file);
            if (!loaded.ok()) {
                err.print(loaded.report());
                err.flush();
                exit = Math.max(exit, ExitCodes.INVALID);
                continue;
            }
            RunOptions options = RunOptions.defaults().withSeed(seed).withLimits(maxEvents, timeoutSeconds * 1000);
            RunResult result = ScenarioRunner.run(loaded.scenario().get(), options);
            results.add(result);
            if (format == Format.text) {
                TextReport.write(result, out);
            }
            exit = ExitCodes.worst(exit, result.limit() != null ? ExitCodes.LIMIT
                    : result.passed() ? ExitCodes.OK : ExitCodes.FAILED);
        }
        if (format == Format.json && !results.isEmpty()) {
            JsonReport.write(results, out);
        }
        return exit;
    }
}
