package io.mmspec.dsl.ast;

import java.util.List;
import java.util.Optional;

/**
 * One timeline statement: when, an optional label, and its actions ({@code at T: a} has one,
 * a group {@code at T { a; b }} has several, run one after another).
 */
public record Statement(
        Timing timing,
        Optional<StringLit> label,
        List<Action> actions,
        boolean grouped,
        Span span) {

    public Statement {
        actions = List.copyOf(actions);
    }
}
