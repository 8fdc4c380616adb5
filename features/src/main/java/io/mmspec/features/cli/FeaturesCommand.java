package io.mmspec.features.cli;

import io.mmspec.dsl.cli.ExitCodes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mmspec features PATH...}: runs Gherkin feature files (files or folders) with the mmspec
 * step library and prints them as they run. Exit 0 when every scenario passes, 1 when one does
 * not, 2 when a path does not exist.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Run Gherkin feature files with the mmspec step library.")
public final class FeaturesCommand implements Callable<Integer> {
    /** The package of the step library. */
    static final String GLUE = "io.mmspec.features";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Feature files or folders of them (a file may end in :LINE to run one scenario).")
    List<String> paths;

    @Option(names = "--monochrome", description = "Print without colours.")
    boolean monochrome;

    @Option(names = "--name", paramLabel = "REGEXP", description = "Only run scenarios whose names match.")
    String name;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        for (String path : paths) {
            Path file = Path.of(path.replaceFirst("(:\\d+)+$", ""));
            if (!Files.exists(file)) {
                err.println("mmspec: " + file + ": no such file or folder");
                err.flush();
                return ExitCodes.INVALID;
            }
        }
        byte status = io.cucumber.core.cli.Main.run(arguments().toArray(String[]::new),
                Thread.currentThread().getContextClassLoader());
        return status == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Cucumber's own command line: the step library, pretty output, the paths. */
    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--glue", GLUE, "--plugin", "pretty"));
        if (monochrome) {
            args.add("--monochrome");
        }
        if (name != null) {
            args.addAll(List.of("--name", name));
        }
        args.addAll(paths);
        return args;
    }
}
