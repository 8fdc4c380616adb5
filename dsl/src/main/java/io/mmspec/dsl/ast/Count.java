package io.mmspec.dsl.ast;

/** A whole number without a unit: a pid, a count, an order, an oom_score_adj. */
public record Count(long value, String text, Span span) {

    @Override
    public String toString() {
        return text;
    }
}
