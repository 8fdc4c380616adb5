package io.mmspec.runtime.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One typed trace event, as a kernel tracepoint records it: when, on which CPU, for which
 * task, what kind, and its fields in a fixed order (so printing is deterministic). Fields are
 * kept as two small arrays rather than a map: a long run keeps millions of events.
 */
public final class TraceEvent {
    private final long time;
    private final int cpu;
    private final int pid;
    private final String comm;
    private final EventKind kind;
    private final String[] names;
    private final Object[] values;

    /**
     * @param time   simulated nanoseconds since boot
     * @param cpu    the CPU it happened on, -1 for none
     * @param pid    the task it concerns, 0 for the kernel itself
     * @param comm   the task's name, "kernel" for pid 0
     * @param kind   the event kind from the registry
     * @param names  the fields' names in order
     * @param values their values (Long, String or Boolean), same length
     */
    TraceEvent(long time, int cpu, int pid, String comm, EventKind kind, String[] names, Object[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        this.time = time;
        this.cpu = cpu;
        this.pid = pid;
        this.comm = comm;
        this.kind = kind;
        this.names = names;
        this.values = values;
    }

    public long time() {
        return time;
    }

    public int cpu() {
        return cpu;
    }

    public int pid() {
        return pid;
    }

    public String comm() {
        return comm;
    }

    public EventKind kind() {
        return kind;
    }

    /** The fields in order, as a map (made on each call: for printing, not for hot loops). */
    public Map<String, Object> fields() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    public Object field(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    public long longField(String name) {
        return field(name) instanceof Long l ? l : 0L;
    }

    public String stringField(String name) {
        Object value = field(name);
        return value == null ? "" : value.toString();
    }

    @Override
    public String toString() {
        return "TraceEvent[" + time + " cpu " + cpu + " " + comm + "(" + pid + ") " + kind.eventName() + " " + fields() + "]";
    }
}
