package io.mmspec.runtime.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The kernel's ring buffer as dmesg shows it: {@code [    5.000123] message}. Mirrors
 * printk with its log levels; lines are kept in order with their simulated time.
 */
public final class KernelLog {
    /** printk levels (include/linux/kern_levels.h). */
    public enum Level { EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG }

    /** One line of the log. */
    public record Line(long time, Level level, String text) {
        /** The line as {@code dmesg} prints it, with the timestamp in seconds. */
        public String formatted() {
            return String.format("[%5d.%06d] %s", time / 1_000_000_000L,
                    (time % 1_000_000_000L) / 1000, text);
        }
    }

    private final SimClock clock;
    private final List<Line> lines = new ArrayList<>();

    public KernelLog(SimClock clock) {
        this.clock = clock;
    }

    public void printk(Level level, String text) {
        lines.add(new Line(clock.now(), level, text));
    }

    public List<Line> lines() {
        return Collections.unmodifiableList(lines);
    }

    /** True if any line contains {@code text} (what {@code dmesg | grep} answers). */
    public boolean contains(String text) {
        for (Line line : lines) {
            if (line.text().contains(text)) {
                return true;
            }
        }
        return false;
    }
}
