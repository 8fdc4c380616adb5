package io.mmspec.dsl.compile;

import io.mmspec.dsl.ast.Action;
import java.util.Comparator;
import java.util.Optional;

/**
 * One action of the timeline at its time. Actions run in order of (time, line, column), the
 * order DESIGN.md fixes; a statement repeated by {@code every} or {@code repeat} yields one
 * timed action per repetition.
 *
 * @param timeNs when the action is due
 * @param label  the statement's label, for {@code action "label" succeeded}
 * @param action the action
 */
public record TimedAction(long timeNs, Optional<String> label, Action action) {

    /** (time, line, column): the order in which due actions are handed to their processes. */
    public static final Comparator<TimedAction> ORDER = Comparator
            .comparingLong(TimedAction::timeNs)
            .thenComparingInt(a -> a.action().span().line())
            .thenComparingInt(a -> a.action().span().column());
}
