package io.mmspec.runtime.mm.swap;

/**
 * total_swap_pages and nr_swap_pages of mm/swapfile.c: usable slots of every device, and those
 * still free. SwapTotal and SwapFree of /proc/meminfo; vm_swap_full() compares them.
 */
final class SwapTotals {
    long totalSwapPages;
    long nrSwapPages;

    /** vm_swap_full(): less than half of swap is free (nr_swap_pages * 2 &lt; total_swap_pages). */
    boolean vmSwapFull() {
        return nrSwapPages * 2 < totalSwapPages;
    }
}
