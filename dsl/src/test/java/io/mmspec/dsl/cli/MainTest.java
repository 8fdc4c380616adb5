package io.mmspec.dsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's contract: exit codes, where output goes, and never a stack trace. */
class MainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void checksAValidFileAndSummarisesIt() throws IOException {
        Path file = write("ok.mms", """
                scenario "ok" {
                  process bash pid 1000
                  at 1 s: bash forks child pid 1001
                  at 2 s { child allocates 1 MB as buf; child touches buf }
                  expect: child alive
                }
                """);

        assertThat(run("check", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo("ok: " + file + " (2 processes, 3 actions, 1 expectation)\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printsEveryDiagnosticOfAnInvalidFileToStderrAndExits2() throws IOException {
        Path file = write("bad.mms", """
                scenario "bad" {
                  process chrome pid 3000
                  at 1 s: chrom allocates 5 MB
                  expect: chrome killed by OOM
                }
                """);

        assertThat(run("check", file.toString())).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo(file + ":3:11: error: unknown process 'chrom'; did you mean 'chrome'?\n"
                + "    3 |   at 1 s: chrom allocates 5 MB\n"
                + "      |           ^~~~~\n"
                + file + ":4:28: error: unknown cause of death 'OOM' (oom, SIGBUS, SIGKILL, SIGSEGV, SIGTERM);"
                + " did you mean 'oom'?\n"
                + "    4 |   expect: chrome killed by OOM\n"
                + "      |                            ^~~\n");
    }

    @Test
    void checksEveryFileAndFailsIfAnyIsInvalid() throws IOException {
        Path good = write("good.mms", "scenario \"g\" {\n}\n");
        Path bad = write("bad.mms", "scenario \"b\" {\n  proces p\n}\n");

        assertThat(run("check", good.toString(), bad.toString())).isEqualTo(2);
        assertThat(out.toString()).isEqualTo("ok: " + good + " (0 processes, 0 actions, 0 expectations)\n");
        assertThat(err.toString()).startsWith(bad + ":2:3: error: unexpected 'proces'; did you mean 'process'?");
    }

    @Test
    void reportsAMissingFileInOneLine() {
        assertThat(run("check", dir.resolve("nope.mms").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("mmspec: no such file: " + dir.resolve("nope.mms") + "\n");
    }

    @Test
    void reportsADirectoryInOneLine() {
        assertThat(run("check", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("mmspec: " + dir + " is a directory, not a scenario file\n");
    }

    @Test
    void printsHelpForASubcommandAndExits0() {
        assertThat(run("check", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: mmspec check");
    }

    @Test
    void exits2OnUsageErrors() {
        assertThat(run("check")).isEqualTo(2);
        assertThat(err.toString()).startsWith("mmspec: Missing required parameter: 'FILE'");
        assertThat(run("nonsense")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void turnsAnInternalErrorIntoOneLineAndExit70() {
        CommandLine commandLine = Main.commandLine(new PrintWriter(out), new PrintWriter(err), false);
        commandLine.addSubcommand("boom", new CommandLine(new Boom()));

        assertThat(commandLine.execute("boom")).isEqualTo(70);
        assertThat(err.toString()).isEqualTo("mmspec: internal error: java.lang.IllegalStateException: broken\n");
    }

    @Test
    void printsTheStackTraceOfAnInternalErrorWithDebug() {
        CommandLine commandLine = Main.commandLine(new PrintWriter(out), new PrintWriter(err), true);
        commandLine.addSubcommand("boom", new CommandLine(new Boom()));

        assertThat(commandLine.execute("--debug", "boom")).isEqualTo(70);
        assertThat(err.toString()).contains("at io.mmspec.dsl.cli.MainTest$Boom.call");
    }

    @CommandLine.Command(name = "boom")
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("broken");
        }
    }
}
