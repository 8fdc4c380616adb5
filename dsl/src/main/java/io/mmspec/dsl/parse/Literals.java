package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Address;
import io.mmspec.dsl.ast.Amount;
import io.mmspec.dsl.ast.Count;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Permission;
import io.mmspec.dsl.ast.Rate;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.ast.Span;
import io.mmspec.dsl.ast.StringLit;
import io.mmspec.dsl.ast.Time;
import io.mmspec.dsl.ast.Unit;
import io.mmspec.dsl.diag.Diagnostics;
import io.mmspec.dsl.diag.Suggestions;
import io.mmspec.grammar.MmsParser.IdentifierContext;
import io.mmspec.grammar.MmsParser.NumberContext;
import io.mmspec.grammar.MmsParser.PermissionContext;
import io.mmspec.grammar.MmsParser.QuantityContext;
import io.mmspec.grammar.MmsParser.RateContext;
import io.mmspec.grammar.MmsParser.StringContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Token;

/**
 * Reads the values of a parse tree: numbers exactly (BigDecimal, so {@code 1.005 s} is
 * 1,005,000,000 ns), sizes and times with their units, strings with their escapes, permissions.
 * A value that cannot be read is reported and replaced by zero, so that building goes on and
 * every mistake of the file is found at once.
 */
final class Literals {

    private final Spans spans;
    private final Diagnostics diagnostics;

    Literals(Spans spans, Diagnostics diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    Spans spans() {
        return spans;
    }

    Diagnostics diagnostics() {
        return diagnostics;
    }

    Name name(IdentifierContext ctx) {
        return new Name(ctx.getText(), spans.of(ctx));
    }

    Optional<Name> name(Optional<IdentifierContext> ctx) {
        return ctx.map(this::name);
    }

    StringLit string(StringContext ctx) {
        String source = ctx.getText();
        return new StringLit(unescape(source.substring(1, source.length() - 1)), source, spans.of(ctx));
    }

    Size size(QuantityContext ctx) {
        return new Size(scaled(ctx, Unit.Kind.SIZE, "bytes"), Spans.text(ctx), spans.of(ctx));
    }

    Time time(QuantityContext ctx) {
        return new Time(scaled(ctx, Unit.Kind.TIME, "nanoseconds"), Spans.text(ctx), spans.of(ctx));
    }

    /** {@code 500 MB/s}: a size per second. */
    Rate rate(RateContext ctx) {
        Span span = spans.of(ctx);
        long bytes = 0;
        if (!ctx.per.getText().equals("s")) {
            diagnostics.error(spans.of(ctx.per), "a rate is a size per second, written like 500 MB/s");
        } else {
            bytes = toLong(number(ctx.number()), unit(ctx.unit, Unit.Kind.SIZE, Spans.text(ctx)),
                    Spans.text(ctx), "bytes", span);
        }
        return new Rate(bytes, Spans.text(ctx), span);
    }

    /** A whole number without a unit. */
    Count count(NumberContext ctx) {
        BigDecimal value = number(ctx);
        long whole = 0;
        if (value.stripTrailingZeros().scale() > 0) {
            diagnostics.error(spans.of(ctx), "expected a whole number, found '" + ctx.getText() + "'");
        } else if (value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            diagnostics.error(spans.of(ctx), "the number '" + ctx.getText() + "' is too large");
        } else {
            whole = value.longValueExact();
        }
        return new Count(whole, ctx.getText(), spans.of(ctx));
    }

    /** A number with a unit that fits the metric it is compared with (the checker decides). */
    Amount amount(NumberContext number, IdentifierContext unitCtx) {
        Span span = unitCtx == null ? spans.of(number) : spans.of(number).to(spans.of(unitCtx));
        Optional<Unit> unit = Optional.empty();
        String text = number.getText();
        if (unitCtx != null) {
            text = text + " " + unitCtx.getText();
            unit = Unit.bySymbol(unitCtx.getText());
            if (unit.isEmpty()) {
                diagnostics.error(spans.of(unitCtx), "unknown unit '" + unitCtx.getText() + "'"
                        + unitHint(unitCtx.getText(), allUnits()));
            }
        }
        return new Amount(number(number), unit, text, span);
    }

    Address address(Token hex) {
        String digits = hex.getText().substring(2);
        long value = 0;
        if (digits.replaceFirst("^0+", "").length() > 16) {
            diagnostics.error(spans.of(hex), "the address '" + hex.getText() + "' does not fit in 64 bits");
        } else {
            value = Long.parseUnsignedLong(digits, 16);
        }
        return new Address(value, hex.getText(), spans.of(hex));
    }

    /** {@code rw-}, {@code r-x}, {@code ---} (the /proc/PID/maps form) or without dashes: {@code rw}, {@code rwx}. */
    Permission permission(PermissionContext ctx) {
        String text = ctx.getText();
        Span span = spans.of(ctx);
        boolean mapsForm = text.length() == 3 && text.matches("[r-][w-][x-]");
        boolean shortForm = text.matches("r?w?x?") && !text.isEmpty();
        if (!mapsForm && !shortForm) {
            diagnostics.error(span, "unknown permission '" + text
                    + "'; write r, w, x or - in that order, as /proc/PID/maps does (rw-, r-x, r--, ---)");
            return new Permission(false, false, false, text, span);
        }
        return new Permission(text.contains("r"), text.contains("w"), text.contains("x"), text, span);
    }

    private long scaled(QuantityContext ctx, Unit.Kind kind, String what) {
        Optional<Unit> unit = unit(ctx.unit, kind, Spans.text(ctx));
        return unit.isEmpty() ? 0 : toLong(number(ctx.number()), unit, Spans.text(ctx), what, spans.of(ctx));
    }

    /** The unit of the expected kind, or empty after reporting why it is not one. */
    private Optional<Unit> unit(IdentifierContext ctx, Unit.Kind kind, String quantity) {
        String symbol = ctx.getText();
        Optional<Unit> unit = Unit.bySymbol(symbol);
        if (unit.isEmpty()) {
            diagnostics.error(spans.of(ctx), "unknown unit '" + symbol + "' for " + kind.description()
                    + " (" + String.join(", ", Unit.symbols(kind)) + ")" + unitHint(symbol, Unit.symbols(kind)));
            return Optional.empty();
        }
        if (unit.get().kind() != kind) {
            diagnostics.error(spans.of(ctx), "expected " + kind.description() + " ("
                    + String.join(", ", Unit.symbols(kind)) + "), but '" + quantity + "' is "
                    + unit.get().kind().description());
            return Optional.empty();
        }
        return unit;
    }

    private long toLong(BigDecimal value, Optional<Unit> unit, String text, String what, Span span) {
        if (unit.isEmpty()) {
            return 0;
        }
        BigDecimal scaled = value.multiply(unit.get().factor());
        if (scaled.stripTrailingZeros().scale() > 0) {
            diagnostics.error(span, "'" + text + "' is not a whole number of " + what);
            return 0;
        }
        if (scaled.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            diagnostics.error(span, "'" + text + "' is too large");
            return 0;
        }
        return scaled.longValueExact();
    }

    private static BigDecimal number(NumberContext ctx) {
        BigDecimal value = new BigDecimal(ctx.NUMBER().getText());
        return ctx.MINUS() != null ? value.negate() : value;
    }

    /** Other spellings people use for our units. */
    private static final java.util.Map<String, String> ALIASES = java.util.Map.ofEntries(
            java.util.Map.entry("sec", "s"), java.util.Map.entry("secs", "s"), java.util.Map.entry("second", "s"),
            java.util.Map.entry("seconds", "s"), java.util.Map.entry("msec", "ms"), java.util.Map.entry("usec", "us"),
            java.util.Map.entry("\u00b5s", "us"), java.util.Map.entry("nsec", "ns"), java.util.Map.entry("byte", "B"),
            java.util.Map.entry("bytes", "B"), java.util.Map.entry("K", "KB"), java.util.Map.entry("M", "MB"),
            java.util.Map.entry("G", "GB"), java.util.Map.entry("T", "TB"));

    private static String unitHint(String symbol, List<String> candidates) {
        String alias = ALIASES.get(symbol);
        return alias != null ? "; did you mean '" + alias + "'?" : Suggestions.hint(symbol, candidates);
    }

    private static List<String> allUnits() {
        return java.util.Arrays.stream(Unit.values()).map(Unit::symbol).toList();
    }

    /** Resolves the escapes of a string the lexical scan has already validated. */
    static String unescape(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case '0' -> out.append('\0');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'x' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
