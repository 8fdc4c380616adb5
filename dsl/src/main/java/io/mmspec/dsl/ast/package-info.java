/**
 * The scenario language's abstract syntax tree: immutable records and sealed interfaces,
 * consumed by exhaustive switches. Every node carries a {@link io.mmspec.dsl.ast.Span} for
 * diagnostics; sizes are bytes, times nanoseconds, each keeping its source text for messages.
 * A tree straight from the parser may hold names that do not resolve; run the checker
 * (io.mmspec.dsl.check) before compiling it.
 */
package io.mmspec.dsl.ast;
