package io.mmspec.dsl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.check.Frontend;
import io.mmspec.dsl.diag.DiagnosticFormatter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The project's shared examples parse and check as they are, read straight from the shared
 * folder (../../shared/examples from the dsl module in the main checkout). Skipped where the
 * folder is not there.
 */
class SharedExamplesTest {

    private static Optional<Path> sharedExamples() {
        Path candidate = Path.of("../../shared/examples");
        if (Files.isDirectory(candidate)) {
            return Optional.of(candidate);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared/examples"))) {
                return Optional.of(dir.resolve("shared/examples"));
            }
        }
        return Optional.empty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"firefox-journey.mms", "oom-basic.mms"})
    void parsesAndChecksWithoutADiagnostic(String name) throws IOException {
        Optional<Path> folder = sharedExamples();
        assumeTrue(folder.isPresent() && Files.exists(folder.get().resolve(name)), "no shared examples folder");

        ParseResult<Scenario> result = Frontend.load(folder.get().resolve(name));

        assertThat(DiagnosticFormatter.formatAll(result.diagnostics(), result.source())).isEmpty();
        assertThat(result.value().orElseThrow().expectations()).isNotEmpty();
    }
}
