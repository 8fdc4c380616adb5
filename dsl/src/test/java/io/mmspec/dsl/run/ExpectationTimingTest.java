package io.mmspec.dsl.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When each form of expectation is decided: at the end, at T, by T, never, always. */
class ExpectationTimingTest {

    private static List<ExpectationResult> run(String expectations) {
        String text = """
                scenario "timing" {
                  machine { ram 64 MB; cpus 1 }
                  process p pid 10
                  at 1 ms: p maps buf anon 40 KB rw private
                  at 2 ms: p touches buf
                  at 3 ms: p exits
                """ + expectations + "}\n";
        Scenarios.Loaded loaded = Scenarios.load(text, "timing.mms", Optional.empty());
        assertThat(loaded.diagnostics()).as(loaded.report()).isEmpty();
        return ScenarioRunner.run(loaded.scenario().orElseThrow(), RunOptions.defaults()).expectations();
    }

    private static List<ExpectationResult.Status> statuses(String expectations) {
        return run(expectations).stream().map(ExpectationResult::status).toList();
    }

    @Test
    void atTimeSeesTheStateAfterEveryEventUpToThatTime() {
        assertThat(statuses("""
                  expect at 1.5 ms: p.rss == 0 KB
                  expect at 2.5 ms: p.rss == 40 KB
                  expect at 2.5 ms: p.faults.minor == 10
                  expect: p exited
                """)).containsOnly(ExpectationResult.Status.PASS);
    }

    @Test
    void byPassesOnceThePredicateHoldsAndFailsIfTheTimePassesFirst() {
        List<ExpectationResult> results = run("""
                  expect by 2.5 ms: p.rss == 40 KB
                  expect by 1.5 ms: p.rss == 40 KB
                """);
        assertThat(results).extracting(ExpectationResult::status)
                .containsExactly(ExpectationResult.Status.PASS, ExpectationResult.Status.FAIL);
        assertThat(results.get(1).message()).startsWith("it did not hold by 1.5 ms");
    }

    @Test
    void neverFailsAtTheFirstEventWhereThePredicateHolds() {
        List<ExpectationResult> results = run("""
                  expect never: p.faults.minor > 5
                  expect never: p killed
                """);
        assertThat(results).extracting(ExpectationResult::status)
                .containsExactly(ExpectationResult.Status.FAIL, ExpectationResult.Status.PASS);
        assertThat(results.get(0).message()).startsWith("it held at 0.002");
    }

    @Test
    void alwaysFailsAtTheFirstEventWhereThePredicateDoesNotHold() {
        List<ExpectationResult> results = run("""
                  expect always: p.rss <= 40 KB
                  expect always: p.rss == 0 KB
                """);
        assertThat(results).extracting(ExpectationResult::status)
                .containsExactly(ExpectationResult.Status.PASS, ExpectationResult.Status.FAIL);
    }
}
