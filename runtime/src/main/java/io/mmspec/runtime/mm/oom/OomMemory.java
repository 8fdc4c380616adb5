package io.mmspec.runtime.mm.oom;

/**
 * What the OOM killer reads of the rest of the machine: totalram_pages(), total_swap_pages and
 * the counters show_mem() prints. Machine wires it to the page allocator, the swap devices and
 * /proc/vmstat.
 */
public interface OomMemory {
    /** totalram_pages(): managed pages of all zones. */
    long totalramPages();

    /** total_swap_pages: swap space in pages (0 without swap). */
    long totalSwapPages();

    /** The counters of show_mem()'s summary, read now. */
    ShowMem showMem();
}
