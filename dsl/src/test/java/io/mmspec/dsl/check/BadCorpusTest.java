package io.mmspec.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.dsl.Corpus;
import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.diag.DiagnosticFormatter;
import io.mmspec.dsl.parse.ParseResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the bad corpus is rejected with exactly the diagnostics of its .expected file:
 * each mistake at once, by position, with the source line and the caret.
 */
class BadCorpusTest {

    static List<Path> badFiles() {
        return Corpus.files("bad");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void reportsExactlyTheExpectedDiagnostics(Path file) {
        ParseResult<Scenario> result = Frontend.load(Corpus.read(file), file.getFileName().toString(),
                Optional.of(file.getParent()));

        String diagnostics = DiagnosticFormatter.formatAll(result.diagnostics(), result.source());
        assertThat(result.ok()).isFalse();
        assertThat(diagnostics).isEqualTo(Corpus.golden(file, ".expected", diagnostics));
    }
}
