package io.mmspec.runtime.mm.pagealloc;

/** Machines the tests boot, named by their RAM. */
final class Machines {
    static final long MB = 1L << 20;
    static final long GB = 1L << 30;
    static final long TB = 1L << 40;

    private Machines() {
    }

    /** The kernel's defaults: computed watermarks, THP enabled (madvise). */
    static PageAllocator boot(long ramBytes, int cpus) {
        return new PageAllocator(PageAllocConfig.of(ramBytes, cpus));
    }

    static PageAllocator bootThpOff(long ramBytes, int cpus) {
        return new PageAllocator(PageAllocConfig.of(ramBytes, cpus).withThp(false));
    }

    static Zone zone(PageAllocator allocator, ZoneType type) {
        return allocator.node().zones[type.ordinal()];
    }
}
