package io.mmspec.dsl.ast;

/**
 * Where a node was written: the file name as given to the parser, the 1-based line and
 * column (counted in characters, a tab counts as one), and the length in characters. A span
 * never reaches past the end of its first line when it is printed.
 */
public record Span(String file, int line, int column, int length) {

    public Span {
        if (line < 1 || column < 1 || length < 0) {
            throw new IllegalArgumentException("bad span " + line + ":" + column + "+" + length);
        }
    }

    /** From the start of this span to the end of {@code last} (on this span's line if both are). */
    public Span to(Span last) {
        if (last.line != line) {
            return this;
        }
        return new Span(file, line, column, Math.max(length, last.column + last.length - column));
    }

    /** True when this span starts before {@code other} (by line, then column). */
    public boolean isBefore(Span other) {
        return line != other.line ? line < other.line : column < other.column;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
