package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Action;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.ast.StringLit;
import io.mmspec.dsl.ast.Time;
import io.mmspec.dsl.ast.Timing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the timeline: each statement's timing (time never goes backwards inside a
 * statement), labels used once, and every action in the order the statements run, against the
 * {@link World} as it is at that moment.
 */
final class TimelineCheck {

    private final Findings findings;
    private final World world;
    private final ActionCheck actions;

    TimelineCheck(Findings findings, World world, ActionCheck actions) {
        this.findings = findings;
        this.world = world;
        this.actions = actions;
    }

    /** The labels of the statements, by text, each with its first statement. */
    static Map<String, StringLit> labels(List<Statement> statements) {
        Map<String, StringLit> labels = new LinkedHashMap<>();
        for (Statement statement : statements) {
            statement.label().ifPresent(label -> labels.putIfAbsent(label.value(), label));
        }
        return labels;
    }

    void check(List<Statement> statements) {
        Map<String, StringLit> labels = new LinkedHashMap<>();
        for (Statement statement : statements) {
            checkTiming(statement.timing());
            statement.label().ifPresent(label -> {
                StringLit first = labels.putIfAbsent(label.value(), label);
                if (first != null) {
                    findings.error(label.span(), "the label " + label.source() + " is already used on line "
                            + first.span().line());
                }
            });
        }
        for (TimelineOrder.Scheduled scheduled : TimelineOrder.order(statements)) {
            String time = TimeText.of(scheduled.firstTime());
            for (Action action : scheduled.statement().actions()) {
                actions.check(action, time);
            }
        }
        new PendingNames(findings, world).resolve();
    }

    private void checkTiming(Timing timing) {
        if (timing instanceof Timing.At at) {
            notNegative(at.time(), "a time");
        } else if (timing instanceof Timing.After after) {
            if (after.delay().nanos() < 0) {
                findings.error(after.delay().span(), "time goes backwards: 'after' takes a delay of 0 or more, not '"
                        + after.delay().text() + "'");
            }
        } else if (timing instanceof Timing.Every every) {
            positivePeriod(every.period());
            notNegative(every.from(), "a time");
            if (every.to().nanos() < every.from().nanos()) {
                findings.error(every.to().span(), "time goes backwards: from " + every.from().text() + " to "
                        + every.to().text());
            }
        } else {
            Timing.Repeat repeat = (Timing.Repeat) timing;
            findings.atLeastOne(repeat.times(), "a repeat count");
            repeat.period().ifPresent(this::positivePeriod);
            repeat.from().ifPresent(from -> notNegative(from, "a time"));
        }
    }

    private void positivePeriod(Time period) {
        if (period.nanos() <= 0) {
            findings.error(period.span(), "a period must be more than 0, not '" + period.text() + "'");
        }
    }

    private void notNegative(Time time, String what) {
        if (time.nanos() < 0) {
            findings.error(time.span(), what + " cannot be negative ('" + time.text() + "')");
        }
    }
}
