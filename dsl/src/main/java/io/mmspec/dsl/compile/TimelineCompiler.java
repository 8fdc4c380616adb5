package io.mmspec.dsl.compile;

import io.mmspec.dsl.ast.Action;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.ast.StringLit;
import io.mmspec.dsl.ast.Timing;
import io.mmspec.dsl.check.TimelineOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Expands the timeline's statements into timed actions. The first time of each statement comes
 * from {@link TimelineOrder}, which the checker uses too; repetitions follow it: {@code every P
 * from A to B} at A, A+P, ... up to and including B, {@code repeat N times [every P]} N times,
 * P apart. The result is sorted by (time, line, column).
 */
public final class TimelineCompiler {
    private TimelineCompiler() {
    }

    public static List<TimedAction> compile(List<Statement> statements) {
        List<TimedAction> out = new ArrayList<>();
        for (TimelineOrder.Scheduled scheduled : TimelineOrder.order(statements)) {
            Statement statement = scheduled.statement();
            Optional<String> label = statement.label().map(StringLit::value);
            for (long time : repetitions(statement.timing(), scheduled.firstTime())) {
                for (Action action : statement.actions()) {
                    out.add(new TimedAction(time, label, action));
                }
            }
        }
        out.sort(TimedAction.ORDER);
        return out;
    }

    private static List<Long> repetitions(Timing timing, long first) {
        List<Long> times = new ArrayList<>();
        if (timing instanceof Timing.Every every) {
            long period = every.period().nanos();
            for (long t = first; t <= every.to().nanos(); t += period) {
                times.add(t);
                if (period <= 0) {
                    break;
                }
            }
        } else if (timing instanceof Timing.Repeat repeat) {
            long period = repeat.period().map(io.mmspec.dsl.ast.Time::nanos).orElse(0L);
            for (long i = 0; i < repeat.times().value(); i++) {
                times.add(first + i * period);
            }
        } else {
            times.add(first);
        }
        return times;
    }
}
