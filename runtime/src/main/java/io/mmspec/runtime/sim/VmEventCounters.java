package io.mmspec.runtime.sim;

/**
 * The machine-wide vm event counters (the sum of the kernel's per-CPU vm_event_states).
 * Mirrors include/linux/vmstat.h: count_vm_event(), count_vm_events().
 */
public final class VmEventCounters {
    private final long[] counts = new long[VmEvent.values().length];

    public void count(VmEvent event) {
        counts[event.ordinal()]++;
    }

    public void count(VmEvent event, long delta) {
        counts[event.ordinal()] += delta;
    }

    public long get(VmEvent event) {
        return counts[event.ordinal()];
    }

    /** Sets every counter back to 0: vmstat counts from time 0, after the scenario's setup. */
    public void reset() {
        java.util.Arrays.fill(counts, 0);
    }
}
