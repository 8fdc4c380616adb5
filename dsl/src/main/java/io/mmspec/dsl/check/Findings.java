package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Count;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.ast.Span;
import io.mmspec.dsl.diag.Diagnostics;
import io.mmspec.dsl.diag.Suggestions;
import java.util.Collection;

/** The checker's way of saying what is wrong, with the phrases the checks share. */
final class Findings {

    /** The most memory a machine, a swap device or a file may have. */
    static final long ONE_TB = 1L << 40;
    /** The user address space of x86-64 with 4-level page tables (TASK_SIZE, 47 bits). */
    static final long USER_SPACE = 1L << 47;

    /** Vocabularies this short are listed in full when a word is not in them. */
    private static final int SHORT_LIST = 8;

    private final Diagnostics diagnostics;

    Findings(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void error(Span span, String message) {
        diagnostics.error(span, message);
    }

    /** "unknown process 'chrom'; did you mean 'chrome'?" */
    void unknown(String what, Name name, Collection<String> candidates) {
        unknown(what, name.text(), name.span(), candidates);
    }

    void unknown(String what, String text, Span span, Collection<String> candidates) {
        error(span, "unknown " + what + " '" + text + "'" + Suggestions.hint(text, candidates));
    }

    /** Reports a word that is not one of {@code allowed}; true when it is. */
    boolean oneOf(String what, Name name, Collection<String> allowed) {
        if (allowed.contains(name.text())) {
            return true;
        }
        String choices = allowed.size() <= SHORT_LIST ? " (" + String.join(", ", allowed) + ")" : "";
        error(name.span(), "unknown " + what + " '" + name.text() + "'" + choices
                + Suggestions.hint(name.text(), allowed));
        return false;
    }

    /** A size that must be more than zero (and at most {@code max} bytes, named by maxText). */
    void positive(Size size, String what, long max, String maxText) {
        if (size.bytes() <= 0) {
            error(size.span(), what + " must be more than 0, not '" + size.text() + "'");
        } else if (size.bytes() > max) {
            error(size.span(), what + " of more than " + maxText + " is not supported ('" + size.text() + "')");
        }
    }

    /** A count within [min, max]. */
    void range(Count count, String what, long min, long max) {
        if (count.value() < min || count.value() > max) {
            error(count.span(), what + " must be between " + min + " and " + max + ", not " + count.text());
        }
    }

    /** A count of at least 1. */
    void atLeastOne(Count count, String what) {
        if (count.value() < 1) {
            error(count.span(), what + " must be at least 1, not " + count.text());
        }
    }
}
