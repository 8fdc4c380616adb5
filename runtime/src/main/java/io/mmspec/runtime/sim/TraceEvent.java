package io.mmspec.runtime.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One typed trace event, as a kernel tracepoint records it: when, on which CPU, for which
 * task, what kind, and its fields in a fixed order (so printing is deterministic).
 *
 * @param time  simulated nanoseconds since boot
 * @param cpu   the CPU it happened on, -1 for none
 * @param pid   the task it concerns, 0 for the kernel itself
 * @param comm  the task's name, "kernel" for pid 0
 * @param kind  the event kind from the registry
 * @param fields the event's fields in insertion order; values are Long, String or Boolean
 */
public record TraceEvent(long time, int cpu, int pid, String comm, EventKind kind,
                         Map<String, Object> fields) {

    public TraceEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Object field(String name) {
        return fields.get(name);
    }

    public long longField(String name) {
        Object value = fields.get(name);
        return value instanceof Long l ? l : 0L;
    }

    public String stringField(String name) {
        Object value = fields.get(name);
        return value == null ? "" : value.toString();
    }
}
