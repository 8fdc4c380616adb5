package io.mmspec.dsl.diag;

import io.mmspec.dsl.ast.Span;
import java.util.Comparator;

/** One mistake in a scenario: where, and what, in words a student can act on. */
public record Diagnostic(Span span, String message) {

    /** By file, line, column, then message: the order a person reads them in. */
    public static final Comparator<Diagnostic> BY_POSITION = Comparator
            .comparing((Diagnostic d) -> d.span().file())
            .thenComparingInt(d -> d.span().line())
            .thenComparingInt(d -> d.span().column())
            .thenComparing(Diagnostic::message);

    /** {@code file:line:col: error: message}, the first line of the rendering. */
    public String headline() {
        return span.file() + ":" + span.line() + ":" + span.column() + ": error: " + message;
    }
}
