package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.diag.Diagnostic;
import io.mmspec.dsl.diag.Diagnostics;
import io.mmspec.dsl.parse.ParseResult;
import io.mmspec.dsl.parse.ScenarioParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Parse, then check: a scenario file to a tree that can be compiled, or every diagnostic at
 * once (the checker runs whenever the syntax is right, so value and name mistakes come together).
 */
public final class Frontend {

    private Frontend() {
    }

    /** Loads a scenario file; diagnostics name it as {@code file} is written; traces are found beside it. */
    public static ParseResult<Scenario> load(Path file) throws IOException {
        String source = Files.readString(file, StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        return load(source, file.toString(), Optional.ofNullable(dir));
    }

    /** Loads a scenario held in a string. */
    public static ParseResult<Scenario> load(String source, String fileName, Optional<Path> baseDir) {
        ParseResult<Scenario> parsed = ScenarioParser.parse(source, fileName);
        if (parsed.value().isEmpty()) {
            return parsed;
        }
        Diagnostics all = new Diagnostics();
        all.addAll(parsed.diagnostics());
        for (Diagnostic finding : ScenarioChecker.check(parsed.value().get(), baseDir)) {
            if (parsed.diagnostics().stream().noneMatch(d -> overlap(d, finding))) {
                all.addAll(List.of(finding));
            }
        }
        List<Diagnostic> sorted = all.sorted();
        return new ParseResult<>(parsed.value(), sorted, parsed.source());
    }

    /**
     * A value the parser could not read (a wrong unit) stands in the tree as 0; what the checker
     * then says about the same spot ("must be more than 0") is a consequence, not news.
     */
    private static boolean overlap(Diagnostic parse, Diagnostic check) {
        var a = parse.span();
        var b = check.span();
        return a.line() == b.line() && a.column() < b.column() + Math.max(b.length(), 1)
                && b.column() < a.column() + Math.max(a.length(), 1);
    }
}
