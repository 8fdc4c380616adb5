package io.mmspec.dsl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.dsl.Corpus;
import io.mmspec.dsl.ast.AstPrinter;
import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.check.Frontend;
import io.mmspec.dsl.diag.DiagnosticFormatter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the good corpus parses and checks without a diagnostic, to the tree in its
 * .ast file.
 */
class GoodCorpusTest {

    static List<Path> goodFiles() {
        return Corpus.files("good");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodFiles")
    void parsesToItsGoldenTree(Path file) {
        ParseResult<Scenario> result = Frontend.load(Corpus.read(file), file.getFileName().toString(),
                Optional.of(file.getParent()));

        assertThat(DiagnosticFormatter.formatAll(result.diagnostics(), result.source())).isEmpty();
        String tree = AstPrinter.print(result.value().orElseThrow());
        assertThat(tree).isEqualTo(Corpus.golden(file, ".ast", tree));
    }
}
