package io.mmspec.dsl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.dsl.ast.AstPrinter;
import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.ast.Predicate;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fragments Gherkin doc strings hold: timeline statements only, expectations only. */
class FragmentParserTest {

    @Test
    void parsesTheActionsOfTheOomFeature() {
        ParseResult<List<Statement>> result = ScenarioParser.parseActions("""
                at 1 s: blender allocates 5 GB
                at 2 s: blender allocates 5 GB
                """, "oom_kill.feature", 36);

        assertThat(result.ok()).isTrue();
        assertThat(AstPrinter.print(result.value().orElseThrow())).isEqualTo("""
                - Statement @36:1
                  timing: Timing.At @36:1
                    time: 1 s (1000000000 ns)
                  actions:
                    - ProcessAction.Malloc @36:9
                      process: blender
                      size: 5 GB (5368709120 B)
                  grouped: false
                - Statement @37:1
                  timing: Timing.At @37:1
                    time: 2 s (2000000000 ns)
                  actions:
                    - ProcessAction.Malloc @37:9
                      process: blender
                      size: 5 GB (5368709120 B)
                  grouped: false
                """);
    }

    @Test
    void parsesTheExpectationsOfTheOomFeature() {
        ParseResult<List<Expectation>> result = ScenarioParser.parseExpectations("""
                expect: blender killed by oom
                expect: systemd alive
                expect: vmstat.oom_kill == 1
                """, "oom_kill.feature", 42);

        assertThat(result.ok()).isTrue();
        List<Expectation> expectations = result.value().orElseThrow();
        assertThat(expectations).extracting(e -> e.predicate().getClass().getSimpleName())
                .containsExactly("Killed", "Alive", "Compare");
        assertThat(((Predicate.Killed) expectations.get(0).predicate()).cause().orElseThrow().text()).isEqualTo("oom");
        assertThat(expectations.get(2).span().line()).isEqualTo(44);
    }

    @Test
    void placesDiagnosticsOfAFragmentOnTheLinesOfItsFile() {
        ParseResult<List<Statement>> result = ScenarioParser.parseActions("at 1 s: blender allocate 5 GB", "oom_kill.feature", 36);

        assertThat(result.diagnostics()).map(Diagnostic::headline)
                .containsExactly("oom_kill.feature:36:17: error: unexpected 'allocate'; did you mean 'allocates'?");
        assertThat(result.source().line(36)).isEqualTo("at 1 s: blender allocate 5 GB");
    }

    @Test
    void refusesAnExpectationInAnActionList() {
        ParseResult<List<Statement>> result = ScenarioParser.parseActions("expect: p alive", "f", 1);
        assertThat(result.value()).isEmpty();
        assertThat(result.diagnostics()).hasSize(1);
    }

    @Test
    void acceptsStatementsSeparatedBySemicolonsAndGroups() {
        ParseResult<List<Statement>> result = ScenarioParser.parseActions(
                "at 1 s: p touches a; at 2 s { p touches a; kernel compacts }\n# done\n", "f", 1);
        assertThat(result.ok()).isTrue();
        assertThat(result.value().orElseThrow()).extracting(s -> s.actions().size()).containsExactly(1, 2);
    }
}
