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
 * checked after every event. A full check walks every mapped page, so for the examples with
 * hundreds of thousands of steps (the 1 TB machine, the OOM kill of a 3 GB process) it runs
 * after every Nth event instead, about 500 times in all, and once more at the end.
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
        long steps = ScenarioRunner.run(loaded.scenario().orElseThrow(), RunOptions.defaults()).events();
        int stride = steps < 20_000 ? 1 : (int) (steps / 500);
        RunResult result = ScenarioRunner.run(loaded.scenario().orElseThrow(),
                RunOptions.defaults().withInvariantChecks(stride));
        StringWriter report = new StringWriter();
        TextReport.write(result, new PrintWriter(report));
        assertThat(result.passed()).as(report.toString()).isTrue();
    }
}
