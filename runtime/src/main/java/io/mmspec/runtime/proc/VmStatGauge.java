package io.mmspec.runtime.proc;

import java.util.Locale;
import java.util.Optional;

/**
 * The gauges of /proc/vmstat (zone_stat_item, node_stat_item, and the dirty thresholds), in
 * the kernel's order. These are computed from the state of the mechanisms when read; the event
 * counters that follow them in /proc/vmstat are {@link io.mmspec.runtime.sim.VmEvent}.
 */
public enum VmStatGauge {
    NR_FREE_PAGES, NR_ZONE_INACTIVE_ANON, NR_ZONE_ACTIVE_ANON, NR_ZONE_INACTIVE_FILE,
    NR_ZONE_ACTIVE_FILE, NR_ZONE_UNEVICTABLE, NR_ZONE_WRITE_PENDING, NR_MLOCK, NR_BOUNCE,
    NR_FREE_CMA, NR_INACTIVE_ANON, NR_ACTIVE_ANON, NR_INACTIVE_FILE, NR_ACTIVE_FILE,
    NR_UNEVICTABLE, NR_SLAB_RECLAIMABLE_B, NR_SLAB_UNRECLAIMABLE_B, NR_ISOLATED_ANON,
    NR_ISOLATED_FILE, WORKINGSET_NODES, NR_ANON_PAGES, NR_MAPPED, NR_FILE_PAGES, NR_DIRTY,
    NR_WRITEBACK, NR_WRITEBACK_TEMP, NR_SHMEM, NR_SHMEM_HUGEPAGES, NR_SHMEM_PMDMAPPED,
    NR_FILE_HUGEPAGES, NR_FILE_PMDMAPPED, NR_ANON_TRANSPARENT_HUGEPAGES, NR_VMSCAN_WRITE,
    NR_VMSCAN_IMMEDIATE_RECLAIM, NR_KERNEL_STACK, NR_PAGE_TABLE_PAGES, NR_SEC_PAGE_TABLE_PAGES,
    NR_SWAPCACHED, NR_DIRTY_THRESHOLD, NR_DIRTY_BACKGROUND_THRESHOLD;

    /**
     * The name as /proc/vmstat prints it: lower case, except the byte-counted slab items,
     * which keep their capital B (nr_slab_reclaimable_B; the value is still printed in pages).
     */
    public String vmstatName() {
        String lower = name().toLowerCase(Locale.ROOT);
        return name().endsWith("_B") ? lower.substring(0, lower.length() - 1) + "B" : lower;
    }

    public static Optional<VmStatGauge> byName(String vmstatName) {
        for (VmStatGauge gauge : values()) {
            if (gauge.vmstatName().equals(vmstatName)) {
                return Optional.of(gauge);
            }
        }
        return Optional.empty();
    }
}
