package io.mmspec.runtime.sim;

/**
 * The one simulated clock, in nanoseconds since boot. There is no wall clock anywhere in the
 * runtime: same scenario and seed, same times, byte for byte. Time only moves forward.
 */
public final class SimClock {
    private long now;

    public long now() {
        return now;
    }

    /** Moves the clock to {@code time}; moving backwards is a bug in the caller. */
    public void advanceTo(long time) {
        if (time < now) {
            throw new IllegalStateException("time going backwards: " + time + " < " + now);
        }
        now = time;
    }

    /** Formats a time the way the trace and dmesg print it: seconds with microseconds. */
    public static String seconds(long ns) {
        return String.format("%d.%06d", ns / 1_000_000_000L, (ns % 1_000_000_000L) / 1000);
    }
}
