package io.mmspec.runtime.sim;

/**
 * Accumulates the simulated time that the work in progress costs. Mechanisms charge it as
 * they work (a page walk, zeroing a page, waiting for the disk); the scheduler reads and
 * resets it around each step of a process, so a process's next step starts when this one's
 * work is done.
 */
public final class CostMeter {
    private long charged;

    public void charge(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("negative cost " + ns);
        }
        charged += ns;
    }

    /** Returns what was charged since the last call and starts again from zero. */
    public long take() {
        long total = charged;
        charged = 0;
        return total;
    }

    public long peek() {
        return charged;
    }
}
