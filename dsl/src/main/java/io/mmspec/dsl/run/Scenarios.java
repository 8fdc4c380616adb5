package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.check.Frontend;
import io.mmspec.dsl.compile.CompiledScenario;
import io.mmspec.dsl.compile.ScenarioCompiler;
import io.mmspec.dsl.diag.Diagnostic;
import io.mmspec.dsl.diag.DiagnosticFormatter;
import io.mmspec.dsl.parse.ParseResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** From a file (or text) to a compiled scenario: parse, check, compile; or every mistake. */
public final class Scenarios {
    private Scenarios() {
    }

    /** A compiled scenario, or the formatted diagnostics. */
    public record Loaded(Optional<CompiledScenario> scenario, List<Diagnostic> diagnostics, String report) {
        public boolean ok() {
            return scenario.isPresent();
        }
    }

    public static Loaded load(Path file) throws IOException {
        return finish(Frontend.load(file));
    }

    public static Loaded load(String text, String fileName, Optional<Path> baseDir) {
        return finish(Frontend.load(text, fileName, baseDir));
    }

    private static Loaded finish(ParseResult<Scenario> parsed) {
        if (!parsed.ok()) {
            return new Loaded(Optional.empty(), parsed.diagnostics(),
                    DiagnosticFormatter.formatAll(parsed.diagnostics(), parsed.source()));
        }
        ScenarioCompiler.Result compiled = ScenarioCompiler.compile(parsed.value().get(), parsed.source());
        return new Loaded(compiled.scenario(), compiled.diagnostics(),
                DiagnosticFormatter.formatAll(compiled.diagnostics(), parsed.source()));
    }
}
