package io.mmspec.runtime.mm.pagealloc;

/**
 * The machine the allocator boots on.
 *
 * @param ramBytes      physical RAM, a multiple of the 4 KiB page; pfn 0 .. ramBytes/4096 - 1
 * @param cpus          CPUs, each with its own per-CPU page lists
 * @param minFreeKbytes vm.min_free_kbytes written after boot, or null for the kernel's value
 * @param watermarks    an explicit machine-wide triple that replaces the computed watermarks,
 *                      or null
 * @param thpEnabled    transparent_hugepage/enabled is "always" or "madvise" (not "never"):
 *                      khugepaged raises min_free_kbytes at boot
 */
public record PageAllocConfig(long ramBytes, int cpus, Long minFreeKbytes, WatermarkTriple watermarks,
                              boolean thpEnabled) {
    /** 64 TiB, the physical limit of 4-level paging (MAX_PHYSMEM_BITS 46). */
    public static final long MAX_RAM_BYTES = 1L << 46;
    /** The smallest machine: a reserved first page plus one page to allocate. */
    public static final long MIN_RAM_BYTES = 2L * MemMap.PAGE_SIZE;
    public static final int MAX_CPUS = 8192;

    public PageAllocConfig {
        if (ramBytes < MIN_RAM_BYTES || ramBytes > MAX_RAM_BYTES || ramBytes % MemMap.PAGE_SIZE != 0) {
            throw new IllegalArgumentException("ram must be a multiple of 4 KiB between 8 KiB and 64 TiB: "
                    + ramBytes + " bytes");
        }
        if (cpus < 1 || cpus > MAX_CPUS) {
            throw new IllegalArgumentException("cpus must be between 1 and " + MAX_CPUS + ": " + cpus);
        }
        if (minFreeKbytes != null && minFreeKbytes < 0) {
            throw new IllegalArgumentException("min_free_kbytes must not be negative: " + minFreeKbytes);
        }
    }

    /** A machine with the kernel's default tunables and THP enabled ("madvise", the default). */
    public static PageAllocConfig of(long ramBytes, int cpus) {
        return new PageAllocConfig(ramBytes, cpus, null, null, true);
    }

    public PageAllocConfig withMinFreeKbytes(long kbytes) {
        return new PageAllocConfig(ramBytes, cpus, kbytes, watermarks, thpEnabled);
    }

    public PageAllocConfig withWatermarks(WatermarkTriple triple) {
        return new PageAllocConfig(ramBytes, cpus, minFreeKbytes, triple, thpEnabled);
    }

    public PageAllocConfig withThp(boolean enabled) {
        return new PageAllocConfig(ramBytes, cpus, minFreeKbytes, watermarks, enabled);
    }

    long totalPages() {
        return ramBytes >>> MemMap.PAGE_SHIFT;
    }
}
