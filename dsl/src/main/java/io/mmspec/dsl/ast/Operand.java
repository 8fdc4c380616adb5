package io.mmspec.dsl.ast;

/** The right side of a comparison: another metric or a number with an optional unit. */
public sealed interface Operand permits Metric, Amount {

    Span span();
}
