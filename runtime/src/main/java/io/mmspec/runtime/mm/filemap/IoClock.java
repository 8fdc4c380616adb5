package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.SimClock;

/**
 * Where the page cache is in simulated time. A task's step starts at the clock's time and has
 * already spent what it charged to the meter, so the task is at clock + meter; kernel work run
 * from the event queue (the flusher, I/O completions) is at the clock's time.
 */
final class IoClock {
    private final SimClock clock;
    private final CostMeter meter;

    IoClock(SimClock clock, CostMeter meter) {
        this.clock = clock;
        this.meter = meter;
    }

    /** Now, for the task whose step is running. */
    long taskNow() {
        return clock.now() + meter.peek();
    }

    /** Now, for kernel work run from the event queue. */
    long kernelNow() {
        return clock.now();
    }

    /** The task sleeps until {@code time} (I/O completion, a throttle pause): returns the ns charged. */
    long waitUntil(long time) {
        long remaining = time - taskNow();
        if (remaining <= 0) {
            return 0;
        }
        meter.charge(remaining);
        return remaining;
    }

    /** The task sleeps {@code ns}. */
    void sleep(long ns) {
        if (ns > 0) {
            meter.charge(ns);
        }
    }
}
