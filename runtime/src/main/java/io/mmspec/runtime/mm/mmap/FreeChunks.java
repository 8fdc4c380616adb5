package io.mmspec.runtime.mm.mmap;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The free chunks of a malloc heap below its top chunk, by address (for coalescing) and by
 * size (for best fit, lowest address first among equals).
 */
final class FreeChunks {
    private final TreeMap<Long, Long> byAddress = new TreeMap<>();
    private final TreeMap<Long, TreeSet<Long>> bySize = new TreeMap<>();

    void add(long start, long size) {
        byAddress.put(start, size);
        bySize.computeIfAbsent(size, s -> new TreeSet<>()).add(start);
    }

    void remove(long start) {
        Long size = byAddress.remove(start);
        TreeSet<Long> starts = bySize.get(size);
        starts.remove(start);
        if (starts.isEmpty()) {
            bySize.remove(size);
        }
    }

    /** The smallest chunk of at least {@code size} bytes: its start, or -1. */
    long bestFit(long size) {
        Map.Entry<Long, TreeSet<Long>> fit = bySize.ceilingEntry(size);
        return fit == null ? -1 : fit.getValue().first();
    }

    long sizeAt(long start) {
        Long size = byAddress.get(start);
        return size == null ? -1 : size;
    }

    /** The free chunk ending exactly at {@code addr}: its start, or -1. */
    long endingAt(long addr) {
        Map.Entry<Long, Long> below = byAddress.lowerEntry(addr);
        return below != null && below.getKey() + below.getValue() == addr ? below.getKey() : -1;
    }

    Map<Long, Long> byAddress() {
        return byAddress;
    }

    void copyFrom(FreeChunks other) {
        other.byAddress.forEach(this::add);
    }
}
