package io.mmspec.dsl.ast;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The units a scenario may write after a number. Sizes are powers of 1024 as in the kernel
 * (KB = KiB = kB = 1024 bytes; a page is 4 KB); times are nanoseconds at the finest.
 */
public enum Unit {
    B("B", Kind.SIZE, 1L), KB("KB", Kind.SIZE, 1L << 10), MB("MB", Kind.SIZE, 1L << 20),
    GB("GB", Kind.SIZE, 1L << 30), TB("TB", Kind.SIZE, 1L << 40),
    KIB("KiB", Kind.SIZE, 1L << 10), MIB("MiB", Kind.SIZE, 1L << 20),
    GIB("GiB", Kind.SIZE, 1L << 30), TIB("TiB", Kind.SIZE, 1L << 40),
    KB_LOWER("kB", Kind.SIZE, 1L << 10),
    PAGE("page", Kind.SIZE, 4096L), PAGES("pages", Kind.SIZE, 4096L),
    NS("ns", Kind.TIME, 1L), US("us", Kind.TIME, 1_000L), MS("ms", Kind.TIME, 1_000_000L),
    S("s", Kind.TIME, 1_000_000_000L);

    /** What a unit measures. */
    public enum Kind {
        SIZE("a size"), TIME("a time");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** "a size", "a time": for messages. */
        public String description() {
            return description;
        }
    }

    private final String symbol;
    private final Kind kind;
    private final long factor;

    Unit(String symbol, Kind kind, long factor) {
        this.symbol = symbol;
        this.kind = kind;
        this.factor = factor;
    }

    /** The unit as written: {@code KB}, {@code ms}. */
    public String symbol() {
        return symbol;
    }

    public Kind kind() {
        return kind;
    }

    /** Bytes or nanoseconds in one of this unit. */
    public BigDecimal factor() {
        return BigDecimal.valueOf(factor);
    }

    /** The unit written {@code symbol} (case-sensitive: {@code mb} is not a unit). */
    public static Optional<Unit> bySymbol(String symbol) {
        for (Unit unit : values()) {
            if (unit.symbol.equals(symbol)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /** Every symbol of one kind, for "did you mean" hints. */
    public static List<String> symbols(Kind kind) {
        List<String> symbols = new ArrayList<>();
        for (Unit unit : values()) {
            if (unit.kind == kind) {
                symbols.add(unit.symbol);
            }
        }
        return symbols;
    }
}
