package io.mmspec.runtime.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The trace buffer every mechanism writes typed events to (the simulator's ftrace). Events
 * are kept in the order they happened; a cap bounds the memory a huge scenario can use, but
 * counts per kind stay exact beyond it.
 */
public final class Trace {
    /** Events kept in full; counting continues past it. */
    public static final int DEFAULT_CAPACITY = 2_000_000;

    private final SimClock clock;
    private final IntFunction<String> commOfPid;
    private final List<TraceEvent> events = new ArrayList<>();
    private final long[] countByKind = new long[EventKind.values().length];
    private final int capacity;
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
        private final Map<String, Object> fields;
        private EventKind countOnly;

        private Builder(EventKind kind, int cpu, int pid) {
            this.kind = kind;
            this.cpu = cpu;
            this.pid = pid;
            this.fields = kind == null ? null : new LinkedHashMap<>();
        }

        public Builder with(String name, long value) {
            if (fields != null) {
                fields.put(name, value);
            }
            return this;
        }

        public Builder with(String name, String value) {
            if (fields != null) {
                fields.put(name, value);
            }
            return this;
        }

        public Builder with(String name, boolean value) {
            if (fields != null) {
                fields.put(name, value);
            }
            return this;
        }

        public void emit() {
            if (fields == null) {
                countByKind[countOnly.ordinal()]++;
                return;
            }
            countByKind[kind.ordinal()]++;
            if (events.size() >= capacity) {
                dropped++;
                return;
            }
            String comm = pid == 0 ? "kernel" : commOfPid.apply(pid);
            events.add(new TraceEvent(clock.now(), cpu, pid, comm, kind, fields));
        }
    }
}
