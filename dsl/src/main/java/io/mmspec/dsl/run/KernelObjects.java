package io.mmspec.dsl.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Names a scenario gives to kernel allocations ({@code as packet}), with what they hold. */
public final class KernelObjects {
    /** Pages from alloc_pages: the first pfn and the order. */
    public record Pages(long pfn, int order) {
    }

    private final Map<String, Object> objects = new LinkedHashMap<>();

    public void put(String name, Object object) {
        objects.put(name, object);
    }

    public Optional<Object> get(String name) {
        return Optional.ofNullable(objects.get(name));
    }

    public void remove(String name) {
        objects.remove(name);
    }
}
