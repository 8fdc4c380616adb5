package io.mmspec.dsl.compile;

import io.mmspec.dsl.ast.Action;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.ast.StringLit;
import io.mmspec.dsl.ast.Timing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expands the timeline's statements into timed actions: {@code at T} as is, {@code after T}
 * relative to the statement written before it, {@code every P from A to B} at A, A+P, ... up
 * to and including B, {@code repeat N times [every P] [from A]} N times, P apart (at the
 * previous statement's time when no start is given), then sorts them by (time, line).
 */
public final class TimelineCompiler {
    private TimelineCompiler() {
    }

    public static List<TimedAction> compile(List<Statement> statements) {
        List<TimedAction> out = new ArrayList<>();
        long previous = 0;
        for (Statement statement : statements) {
            Optional<String> label = statement.label().map(StringLit::value);
            List<Long> times = times(statement.timing(), previous);
            for (long time : times) {
                for (Action action : statement.actions()) {
                    out.add(new TimedAction(time, label, action));
                }
            }
            if (!times.isEmpty()) {
                previous = times.get(0);
            }
        }
        out.sort(TimedAction.ORDER);
        return out;
    }

    private static List<Long> times(Timing timing, long previous) {
        List<Long> times = new ArrayList<>();
        if (timing instanceof Timing.At at) {
            times.add(at.time().nanos());
        } else if (timing instanceof Timing.After after) {
            times.add(previous + after.delay().nanos());
        } else if (timing instanceof Timing.Every every) {
            long period = every.period().nanos();
            for (long t = every.from().nanos(); t <= every.to().nanos(); t += period) {
                times.add(t);
                if (period <= 0) {
                    break;
                }
            }
        } else if (timing instanceof Timing.Repeat repeat) {
            long start = repeat.from().map(io.mmspec.dsl.ast.Time::nanos).orElse(previous);
            long period = repeat.period().map(io.mmspec.dsl.ast.Time::nanos).orElse(0L);
            for (long i = 0; i < repeat.times().value(); i++) {
                times.add(start + i * period);
            }
        }
        return times;
    }
}
