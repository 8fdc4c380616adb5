package io.mmspec.dsl.ast;

/** The comparison operators of expectations and event counts. */
public enum Comparator {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Comparator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code left OP right} holds, for {@code cmp = left.compareTo(right)}. */
    public boolean holds(int cmp) {
        return switch (this) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }

    public static Comparator bySymbol(String symbol) {
        for (Comparator c : values()) {
            if (c.symbol.equals(symbol)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a comparator: " + symbol);
    }
}
