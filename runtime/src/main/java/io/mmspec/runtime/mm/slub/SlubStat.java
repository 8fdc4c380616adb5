package io.mmspec.runtime.mm.slub;

import java.util.Locale;
import java.util.Optional;

/**
 * The SLUB_STATS counters of one cache, named as /sys/kernel/slab/NAME/ shows them. Mirrors
 * enum stat_item of mm/slub.c (Linux 6.18 without the sheaf counters).
 */
public enum SlubStat {
    ALLOC_FASTPATH, ALLOC_SLOWPATH, FREE_FASTPATH, FREE_SLOWPATH, FREE_FROZEN, FREE_ADD_PARTIAL,
    FREE_REMOVE_PARTIAL, ALLOC_FROM_PARTIAL, ALLOC_SLAB, ALLOC_REFILL, ALLOC_NODE_MISMATCH, FREE_SLAB,
    CPUSLAB_FLUSH, DEACTIVATE_FULL, DEACTIVATE_EMPTY, DEACTIVATE_TO_HEAD, DEACTIVATE_TO_TAIL,
    DEACTIVATE_REMOTE_FREES, DEACTIVATE_BYPASS, ORDER_FALLBACK, CMPXCHG_DOUBLE_CPU_FAIL,
    CMPXCHG_DOUBLE_FAIL, CPU_PARTIAL_ALLOC, CPU_PARTIAL_FREE, CPU_PARTIAL_NODE, CPU_PARTIAL_DRAIN;

    /** The sysfs file name: alloc_fastpath. */
    public String sysfsName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SlubStat> bySysfsName(String name) {
        for (SlubStat stat : values()) {
            if (stat.sysfsName().equals(name)) {
                return Optional.of(stat);
            }
        }
        return Optional.empty();
    }
}
