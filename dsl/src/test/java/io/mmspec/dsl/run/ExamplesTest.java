package io.mmspec.dsl.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.dsl.report.TextReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario a newcomer runs first passes every expectation, with the machine's invariants
 * checked after every event (after every 65536th for the 1 TB example, whose half a million
 * faults would make a full check per event quadratic; it is checked at the end as well).
 */
class ExamplesTest {
    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            return files.filter(p -> p.toString().endsWith(".mms")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExpectationHolds(Path file) throws IOException {
        Scenarios.Loaded loaded = Scenarios.load(file);
        assertThat(loaded.diagnostics()).as(loaded.report()).isEmpty();
        RunResult result = ScenarioRunner.run(loaded.scenario().orElseThrow(),
                RunOptions.defaults().withInvariantChecks(file.toString().contains("terabyte") ? 65536 : 1));
        StringWriter report = new StringWriter();
        TextReport.write(result, new PrintWriter(report));
        assertThat(result.passed()).as(report.toString()).isTrue();
    }
}
