package io.mmspec.dsl.parse;

import io.mmspec.dsl.diag.Diagnostic;
import io.mmspec.dsl.diag.SourceText;
import java.util.List;
import java.util.Optional;

/**
 * What parsing gave: the tree when the syntax is right, and every diagnostic found so far.
 * A tree may come with diagnostics about its values (a wrong unit, a bad permission): use it
 * only to find more mistakes, and compile it only when {@link #ok()} after checking.
 *
 * @param value       the tree, absent after a syntax error
 * @param diagnostics every mistake found, by position
 * @param source      the text parsed, to quote lines under diagnostics
 */
public record ParseResult<T>(Optional<T> value, List<Diagnostic> diagnostics, SourceText source) {

    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /** True when nothing is wrong. */
    public boolean ok() {
        return value.isPresent() && diagnostics.isEmpty();
    }
}
