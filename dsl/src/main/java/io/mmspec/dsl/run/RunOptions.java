package io.mmspec.dsl.run;

/**
 * Limits and switches of one run.
 *
 * @param seed            a seed that replaces the scenario's, or null
 * @param maxSimulatedNs  stop when simulated time passes this (default one day)
 * @param maxEvents       stop after this many simulation events (default 200 million)
 * @param maxWallMillis   stop after this much real time (default 10 minutes)
 * @param recordTrace     keep every trace event (the trace command, event expectations)
 * @param checkInvariants run the machine's invariant checks after every Nth event (tests; 0 never,
 *                        1 after every event), and once more at the end
 */
public record RunOptions(Long seed, long maxSimulatedNs, long maxEvents, long maxWallMillis,
                         boolean recordTrace, int checkInvariants) {

    public static RunOptions defaults() {
        return new RunOptions(null, 86_400_000_000_000L, 200_000_000L, 600_000L, false, 0);
    }

    public RunOptions withSeed(Long newSeed) {
        return new RunOptions(newSeed, maxSimulatedNs, maxEvents, maxWallMillis, recordTrace, checkInvariants);
    }

    /** The same options with other event and wall-clock limits. */
    public RunOptions withLimits(long events, long wallMillis) {
        return new RunOptions(seed, maxSimulatedNs, events, wallMillis, recordTrace, checkInvariants);
    }

    public RunOptions withTrace(boolean on) {
        return new RunOptions(seed, maxSimulatedNs, maxEvents, maxWallMillis, on, checkInvariants);
    }

    /** Invariants checked after every {@code everyNthEvent} events (1: every event). */
    public RunOptions withInvariantChecks(int everyNthEvent) {
        return new RunOptions(seed, maxSimulatedNs, maxEvents, maxWallMillis, recordTrace, everyNthEvent);
    }
}
