package io.mmspec.runtime.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The trace buffer every mechanism writes typed events to (the simulator's ftrace). Events
 * are kept in the order they happened; a cap bounds the memory a huge scenario can use, but
 * counts per kind stay exact beyond it.
 */
public final class Trace {
    /** Events kept in full; counting continues past it. */
    public static final int DEFAULT_CAPACITY = 2_000_000;
    /** Events kept when every kind is recorded for a person to read (the trace command). */
    public static final int FULL_TRACE_CAPACITY = 6_000_000;

    private final SimClock clock;
    private final IntFunction<String> commOfPid;
    private final List<TraceEvent> events = new ArrayList<>();
    private final long[] countByKind = new long[EventKind.values().length];
    private int capacity;
    private final Builder counting = new Builder(null, -1, 0);
    private boolean recording = true;
    /** The kinds recorded in full when recording; the others are only counted. */
    private final boolean[] kept = new boolean[EventKind.values().length];
    private long dropped;

    public Trace(SimClock clock, IntFunction<String> commOfPid, int capacity) {
        this.clock = clock;
        this.commOfPid = commOfPid;
        this.capacity = capacity;
        java.util.Arrays.fill(kept, true);
    }

    /**
     * Starts an event of {@code kind}; add fields, then {@link Builder#emit()}. When recording
     * is off the event is only counted, and nothing is allocated (the fault path stays cheap).
     */
    public Builder event(EventKind kind, int cpu, int pid) {
        if (!recording || !kept[kind.ordinal()]) {
            counting.countOnly = kind;
            return counting;
        }
        return new Builder(kind, cpu, pid);
    }

    /** Keeps up to {@code capacity} events in full from now on (counting is never capped). */
    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    /** Whether events of {@code kind} are recorded in full now. */
    public boolean isRecording(EventKind kind) {
        return recording && kept[kind.ordinal()];
    }

    public boolean isRecording() {
        return recording;
    }

    /**
     * Records only events of {@code kinds} in full (all of them by default); the others are
     * counted. A run whose expectations name a few kinds keeps the buffer for those, so a
     * million swap-outs do not crowd out the one kswapd wake-up that is asked about.
     */
    public void keepOnly(java.util.Set<EventKind> kinds) {
        java.util.Arrays.fill(kept, false);
        for (EventKind kind : kinds) {
            kept[kind.ordinal()] = true;
        }
    }

    /** Keeps every event (true, the default) or only counts them per kind (false). */
    public void setRecording(boolean on) {
        recording = on;
    }

    /** Forgets every event and count (after a scenario's setup, which happens before time 0). */
    public void clear() {
        events.clear();
        java.util.Arrays.fill(countByKind, 0);
        dropped = 0;
    }

    public List<TraceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public long count(EventKind kind) {
        return countByKind[kind.ordinal()];
    }

    /** Events that happened but were not kept because the buffer was full. */
    public long dropped() {
        return dropped;
    }

    /** Collects one event's fields in order. */
    public final class Builder {
        private final EventKind kind;
        private final int cpu;
        private final int pid;
        private String[] names;
        private Object[] values;
        private int size;
        private EventKind countOnly;

        private Builder(EventKind kind, int cpu, int pid) {
            this.kind = kind;
            this.cpu = cpu;
            this.pid = pid;
            if (kind != null) {
                names = new String[4];
                values = new Object[4];
            }
        }

        public Builder with(String name, long value) {
            return put(name, value);
        }

        public Builder with(String name, String value) {
            return put(name, value);
        }

        public Builder with(String name, boolean value) {
            return put(name, value);
        }

        private Builder put(String name, Object value) {
            if (names == null) {
                return this; // only counting
            }
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    values[i] = value;
                    return this;
                }
            }
            if (size == names.length) {
                names = java.util.Arrays.copyOf(names, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size++] = value;
            return this;
        }

        public void emit() {
            if (names == null) {
                countByKind[countOnly.ordinal()]++;
                return;
            }
            countByKind[kind.ordinal()]++;
            if (events.size() >= capacity) {
                dropped++;
                return;
            }
            String comm = pid == 0 ? "kernel" : commOfPid.apply(pid);
            events.add(new TraceEvent(clock.now(), cpu, pid, comm, kind, java.util.Arrays.copyOf(names, size),
                    java.util.Arrays.copyOf(values, size)));
        }
    }
}
