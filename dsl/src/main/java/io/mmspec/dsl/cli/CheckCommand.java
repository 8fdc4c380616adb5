package io.mmspec.dsl.cli;

import io.mmspec.dsl.ast.ProcessAction;
import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.check.Frontend;
import io.mmspec.dsl.diag.DiagnosticFormatter;
import io.mmspec.dsl.parse.ParseResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code mmspec check FILE...}: parses and checks each file; prints its diagnostics to stderr,
 * or "ok: FILE (N processes, N actions, N expectations)" to stdout. Exit 0 when every file is
 * valid, 2 otherwise.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Parse and check scenario files; print every mistake.")
final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files (.mms).")
    List<Path> files;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int status = 0;
        for (Path file : files) {
            if (!check(file, out, err)) {
                status = Main.INVALID;
            }
        }
        out.flush();
        err.flush();
        return status;
    }

    private static boolean check(Path file, PrintWriter out, PrintWriter err) {
        ParseResult<Scenario> result;
        try {
            if (Files.isDirectory(file)) {
                err.println("mmspec: " + file + " is a directory, not a scenario file");
                return false;
            }
            result = Frontend.load(file);
        } catch (NoSuchFileException e) {
            err.println("mmspec: no such file: " + file);
            return false;
        } catch (MalformedInputException e) {
            err.println("mmspec: " + file + " is not UTF-8 text");
            return false;
        } catch (IOException e) {
            err.println("mmspec: cannot read " + file + ": " + e.getMessage());
            return false;
        }
        if (!result.ok()) {
            err.print(DiagnosticFormatter.formatAll(result.diagnostics(), result.source()));
            return false;
        }
        out.println("ok: " + file + " (" + summary(result.value().orElseThrow()) + ")");
        return true;
    }

    /** "5 processes, 12 actions, 7 expectations": declared and forked processes, actions as written. */
    static String summary(Scenario scenario) {
        int actions = 0;
        int forks = 0;
        for (Statement statement : scenario.timeline()) {
            actions += statement.actions().size();
            forks += (int) statement.actions().stream().filter(ProcessAction.Fork.class::isInstance).count();
        }
        int processes = scenario.processes().size() + forks;
        return plural(processes, "process", "processes") + ", " + plural(actions, "action", "actions") + ", "
                + plural(scenario.expectations().size(), "expectation", "expectations");
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
