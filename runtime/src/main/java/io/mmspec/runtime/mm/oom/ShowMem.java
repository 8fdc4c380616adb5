package io.mmspec.runtime.mm.oom;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The global summary that __show_mem() prints after "Mem-Info:" (mm/show_mem.c:
 * show_free_areas()), in pages, limited to the counters the simulation keeps. The kernel prints
 * it as one record with continuation lines; each line here is its own log line.
 *
 * <pre>
 *   active_anon:0 inactive_anon:2560 isolated_anon:0
 *   active_file:0 inactive_file:0 isolated_file:0
 *   unevictable:0 dirty:0 writeback:0
 *   mapped:0 shmem:0 pagetables:9
 *   free:1086 free_pcp:31 free_cma:0
 * </pre>
 *
 * Left out until slab and kernel_misc accounting exist: the slab_reclaimable /
 * slab_unreclaimable, sec_pagetables / bounce and kernel_misc_reclaimable lines.
 */
public record ShowMem(long activeAnon, long inactiveAnon, long isolatedAnon,
                      long activeFile, long inactiveFile, long isolatedFile,
                      long unevictable, long dirty, long writeback,
                      long mapped, long shmem, long pagetables,
                      long free, long freePcp, long freeCma) {

    /**
     * The summary from /proc/vmstat's gauges (global_node_page_state() and
     * global_zone_page_state() by their vmstat names) and the pages on per-CPU lists.
     */
    public static ShowMem fromVmstat(Map<String, Long> vmstat, long freePcp) {
        return new ShowMem(get(vmstat, "nr_active_anon"), get(vmstat, "nr_inactive_anon"),
                get(vmstat, "nr_isolated_anon"), get(vmstat, "nr_active_file"),
                get(vmstat, "nr_inactive_file"), get(vmstat, "nr_isolated_file"),
                get(vmstat, "nr_unevictable"), get(vmstat, "nr_dirty"), get(vmstat, "nr_writeback"),
                get(vmstat, "nr_mapped"), get(vmstat, "nr_shmem"), get(vmstat, "nr_page_table_pages"),
                get(vmstat, "nr_free_pages"), freePcp, get(vmstat, "nr_free_cma"));
    }

    private static long get(Map<String, Long> vmstat, String name) {
        Long value = vmstat.get(name);
        if (value == null) {
            throw new IllegalArgumentException("/proc/vmstat has no " + name);
        }
        return value;
    }

    /** Free pages, on the buddy lists and the per-CPU lists together. */
    public long freeAndPcp() {
        return free + freePcp;
    }

    /** The lines as the kernel formats them. */
    public List<String> lines() {
        return List.of(
                String.format(Locale.ROOT, "active_anon:%d inactive_anon:%d isolated_anon:%d", activeAnon, inactiveAnon, isolatedAnon),
                String.format(Locale.ROOT, "active_file:%d inactive_file:%d isolated_file:%d", activeFile, inactiveFile, isolatedFile),
                String.format(Locale.ROOT, "unevictable:%d dirty:%d writeback:%d", unevictable, dirty, writeback),
                String.format(Locale.ROOT, "mapped:%d shmem:%d pagetables:%d", mapped, shmem, pagetables),
                String.format(Locale.ROOT, "free:%d free_pcp:%d free_cma:%d", free, freePcp, freeCma));
    }
}
