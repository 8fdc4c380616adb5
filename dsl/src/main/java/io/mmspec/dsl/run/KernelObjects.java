package io.mmspec.dsl.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Names a scenario gives to kernel allocations ({@code as packet}), with what they hold. */
public final class KernelObjects {
    /** Pages from alloc_pages: the first pfn and the order. */
    public record Pages(long pfn, int order) {
    }

    /** A kmalloc'd buffer (or ZERO_SIZE_PTR) at a kernel address. */
    public record Kmalloced(long address) {
    }

    /** An object of a kmem cache. */
    public record CacheObject(long address, String cache) {
    }

    /** A vmalloc area: its first address and the size asked for. */
    public record Vmalloced(long address, long size) {
    }

    /** The kernel address an object starts at (a page block's is its direct-map address). */
    public static long address(Object object) {
        if (object instanceof Kmalloced k) {
            return k.address();
        }
        if (object instanceof CacheObject c) {
            return c.address();
        }
        if (object instanceof Vmalloced v) {
            return v.address();
        }
        return PAGE_OFFSET + (((Pages) object).pfn() << 12);
    }

    /** __PAGE_OFFSET of x86-64 with 4-level paging: where the direct map starts. */
    static final long PAGE_OFFSET = 0xffff888000000000L;

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
