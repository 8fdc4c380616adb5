package io.mmspec.runtime.mm.vmalloc;

/**
 * The boot-time facts vmalloc depends on. Mirrors VMALLOC_START/VMALLOC_END of
 * arch/x86/include/asm/pgtable_64_types.h (4-level paging, RANDOMIZE_MEMORY off, so
 * VMALLOC_START is the fixed base rather than the randomised vmalloc_base), num_online_cpus()
 * for lazy_max_pages() and the vmap node count, and the boot option {@code nohugevmalloc}
 * (vmap_allow_huge).
 *
 * @param cpus         online CPUs (also the possible CPUs: nr_vmap_nodes = clamp(cpus, 1, 128))
 * @param vmallocStart VMALLOC_START, page aligned
 * @param vmallocEnd   VMALLOC_END, the last byte of the range (an area must end at or below it)
 * @param hugeVmalloc  vmap_allow_huge: false after {@code nohugevmalloc}
 */
public record VmallocConfig(int cpus, long vmallocStart, long vmallocEnd, boolean hugeVmalloc) {
    /** VMALLOC_START on 4-level paging without KASLR of the memory regions. */
    public static final long VMALLOC_START = 0xffffc90000000000L;
    /** VMALLOC_SIZE_TB_L4 = 32: VMALLOC_END = VMALLOC_START + 32 TiB - 1. */
    public static final long VMALLOC_END = 0xffffe8ffffffffffL;
    /** /proc/meminfo VmallocTotal: (VMALLOC_END - VMALLOC_START) >> 10. */
    public static final long VMALLOC_TOTAL_KB = (VMALLOC_END - VMALLOC_START) >>> 10;

    public VmallocConfig {
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1: " + cpus);
        }
        if ((vmallocStart & (Vmalloc.PAGE_SIZE - 1)) != 0
                || Long.compareUnsigned(vmallocStart, vmallocEnd) >= 0) {
            throw new IllegalArgumentException(String.format(
                    "bad vmalloc range 0x%x-0x%x", vmallocStart, vmallocEnd));
        }
    }

    /** The x86-64 defaults: the full 32 TiB range, huge vmalloc allowed. */
    public static VmallocConfig of(int cpus) {
        return new VmallocConfig(cpus, VMALLOC_START, VMALLOC_END, true);
    }

    /** Boot with {@code nohugevmalloc}. */
    public VmallocConfig withoutHugeVmalloc() {
        return new VmallocConfig(cpus, vmallocStart, vmallocEnd, false);
    }

    /**
     * lazy_max_pages(): fls(num_online_cpus()) * (32 MiB / PAGE_SIZE). fls, not log2:
     * 1 CPU 8192 pages (32 MiB), 2 CPUs 16384 (64 MiB), 8 CPUs 32768 (128 MiB).
     */
    public long lazyMaxPages() {
        int fls = 32 - Integer.numberOfLeadingZeros(cpus);
        return fls * ((32L << 20) >>> Vmalloc.PAGE_SHIFT);
    }

    /** nr_vmap_nodes (vmap_init_nodes): clamp(num_possible_cpus(), 1, 128). */
    int nrVmapNodes() {
        return Math.min(cpus, 128);
    }
}
