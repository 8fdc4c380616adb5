package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.ast.Timing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When each timeline statement first runs, and the order statements run in: by (time, line),
 * whatever order they are written in. {@code after T} counts from the first time of the
 * statement written just before it (0 for the first statement); so does a {@code repeat}
 * without {@code from}. The compiler and the checker share this, so they agree.
 */
public final class TimelineOrder {

    /** A statement with the time it first runs (ns) and its index in source order. */
    public record Scheduled(Statement statement, long firstTime, int index) {
    }

    private TimelineOrder() {
    }

    /** Every statement with its first time, in the order they run. */
    public static List<Scheduled> order(List<Statement> statements) {
        List<Scheduled> scheduled = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < statements.size(); i++) {
            long time = firstTime(statements.get(i).timing(), previous);
            scheduled.add(new Scheduled(statements.get(i), time, i));
            previous = time;
        }
        scheduled.sort(Comparator.comparingLong(Scheduled::firstTime)
                .thenComparingInt(s -> s.statement().span().line())
                .thenComparingInt(Scheduled::index));
        return List.copyOf(scheduled);
    }

    /** The first time a statement runs, given the first time of the statement before it. */
    public static long firstTime(Timing timing, long previous) {
        if (timing instanceof Timing.At at) {
            return at.time().nanos();
        }
        if (timing instanceof Timing.After after) {
            return saturatedAdd(previous, after.delay().nanos());
        }
        if (timing instanceof Timing.Every every) {
            return every.from().nanos();
        }
        Timing.Repeat repeat = (Timing.Repeat) timing;
        return repeat.from().map(t -> t.nanos()).orElse(previous);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
