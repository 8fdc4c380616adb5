package io.mmspec.dsl.diag;

import io.mmspec.dsl.ast.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects diagnostics while a scenario is parsed or checked. Reporting never stops the
 * caller: every mistake of a file is gathered, and {@link #sorted()} gives them in reading order.
 */
public final class Diagnostics {

    /** How many diagnostics a file shows at most; the rest are counted. */
    public static final int CAP = 50;

    private final List<Diagnostic> all = new ArrayList<>();

    public void error(Span span, String message) {
        all.add(new Diagnostic(span, message));
    }

    public void addAll(List<Diagnostic> diagnostics) {
        all.addAll(diagnostics);
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    public int size() {
        return all.size();
    }

    /** Every diagnostic, by position, without duplicates (same place, same message). */
    public List<Diagnostic> sorted() {
        return all.stream().distinct().sorted(Diagnostic.BY_POSITION).toList();
    }
}
