package io.mmspec.dsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mmspec run} and {@code mmspec trace}: outputs and the exit-code contract. */
class RunCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    private Path scenario(String body) throws IOException {
        Path file = dir.resolve("s.mms");
        Files.writeString(file, "scenario \"s\" {\n  machine { ram 64 MB; cpus 1 }\n  process p pid 10\n"
                + "  at 1 ms: p maps buf anon 40 KB rw private\n  at 2 ms: p touches buf\n" + body + "}\n");
        return file;
    }

    @Test
    void exitsZeroAndPrintsEachVerdictWhenEveryExpectationHolds() throws IOException {
        Path file = scenario("  expect: p.faults.minor == 10\n");
        assertThat(run("run", file.toString())).isZero();
        assertThat(out.toString()).contains("PASS  line 6    expect: p.faults.minor == 10").contains("1 passed, 0 failed");
    }

    @Test
    void exitsOneAndSaysWhatWasObservedWhenAnExpectationFails() throws IOException {
        Path file = scenario("  expect: p.faults.minor == 11\n");
        assertThat(run("run", file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL").contains("expected == 11, but it is 10");
    }

    @Test
    void exitsTwoWithEveryDiagnosticForAnInvalidFile() throws IOException {
        Path file = scenario("  expect: q.faults.minor == 1\n  expect: p.faults.minr == 1\n");
        assertThat(run("run", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("s.mms:6:11: error: unknown process 'q'")
                .contains("s.mms:7:13: error: unknown metric 'faults.minr'; did you mean 'faults.minor'?");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void exitsThreeWhenALimitStopsTheRun() throws IOException {
        Path file = scenario("  expect: p.faults.minor == 10\n");
        assertThat(run("run", "--max-events", "3", file.toString())).isEqualTo(3);
        assertThat(out.toString()).contains("STOPPED: a limit stopped the run");
    }

    @Test
    void printsOneJsonDocumentWithTheContractsFields() throws IOException {
        Path file = scenario("  expect [2 points] \"ten faults\": p.faults.minor == 10\n");
        assertThat(run("run", "--format", "json", file.toString())).isZero();
        List<String> fields = new ArrayList<>();
        try (JsonParser json = new JsonFactory().createParser(out.toString())) {
            while (json.nextToken() != null) {
                if (json.currentToken() == JsonToken.FIELD_NAME) {
                    fields.add(json.currentName());
                }
            }
        }
        assertThat(fields).contains("scenario", "file", "passed", "expectations", "line", "text", "status",
                "points", "max_points", "actual", "message", "processes", "name", "pid", "state", "ending",
                "vmstat", "meminfo", "dmesg", "pgfault", "MemFree");
        assertThat(out.toString()).contains("\"status\" : \"pass\"").contains("\"points\" : 2");
    }

    @Test
    void traceTellsTheFaultsAndEndsWithTheVerdicts() throws IOException {
        Path file = scenario("  expect: p.faults.minor == 10\n");
        assertThat(run("trace", file.toString())).isZero();
        assertThat(out.toString())
                .contains("T=0.001s p: mmap 40 KB rw-p anonymous")
                .contains("10 page faults")
                .contains("write to untouched anonymous memory -> order-0 page, zeroed -> mapped rw-")
                .contains("1 passed, 0 failed");
    }
}
