package io.mmspec.features;

import io.mmspec.dsl.ast.Permission;
import io.mmspec.dsl.ast.ProcessAction;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.ast.Time;
import io.mmspec.dsl.ast.Timing;
import io.mmspec.dsl.diag.DiagnosticFormatter;
import io.mmspec.dsl.parse.ParseResult;
import io.mmspec.dsl.parse.ScenarioParser;

/**
 * Sizes, times and permissions as a step writes them ({@code 16 GB}, {@code 1.5 s},
 * {@code r-x}), read by the scenario language's own rules: the text is parsed as a fragment of
 * the language, so a step accepts exactly what a scenario file accepts (units are powers of 1024,
 * {@code 1.005 s} is exact) and rejects the rest in the same words.
 */
public final class Literals {
    /**
     * A number and a unit, as a step's parameter matches it. Which units exist and what they
     * mean is the language's business ({@link io.mmspec.dsl.ast.Unit}): a wrong one is rejected
     * when the value is read, with the language's own message and hint.
     */
    public static final String QUANTITY = "\\d+(?:\\.\\d+)? ?[A-Za-z]+";

    private Literals() {
    }

    /** {@code 16 GB} as {@code ram 16 GB} reads it. */
    public static Size size(String text) {
        ParseResult<io.mmspec.dsl.ast.Machine> parsed = ScenarioParser.parseMachine("ram " + text, "size", 1);
        return value(parsed, text).ram().orElseThrow();
    }

    /** {@code 1.5 s} as {@code at 1.5 s:} reads it. */
    public static Time time(String text) {
        Timing timing = statement("at " + text + ": p exits", text).timing();
        return ((Timing.At) timing).time();
    }

    /** {@code r-x} as {@code protects R r-x} reads it. */
    public static Permission permission(String text) {
        Statement statement = statement("at 0 s: p protects r " + text, text);
        return ((ProcessAction.Mprotect) statement.actions().get(0)).perm();
    }

    /** Milliseconds as the language writes them: {@code 1 ms}, {@code 2.5 ms}. */
    public static String millis(long nanos) {
        return new java.math.BigDecimal(nanos).movePointLeft(6).stripTrailingZeros().toPlainString() + " ms";
    }

    private static Statement statement(String source, String text) {
        return value(ScenarioParser.parseActions(source, "literal", 1), text).get(0);
    }

    private static <T> T value(ParseResult<T> parsed, String text) {
        if (!parsed.ok()) {
            throw new IllegalArgumentException("'" + text + "' is not a value of the scenario language:\n"
                    + DiagnosticFormatter.formatAll(parsed.diagnostics(), parsed.source()));
        }
        return parsed.value().orElseThrow();
    }
}
