/**
 * Swap (mm/swapfile.c, mm/swap_state.c, mm/page_io.c, and do_swap_page() of mm/memory.c):
 * swap devices with their priorities and slot maps, the cluster allocator of Linux 6.18
 * (per-CPU clusters, free / nonfull / frag / full lists of 512-slot clusters), swap entries in
 * PTEs, swap counts shared by fork (swap_duplicate / swap_free, with continuations above 62),
 * the swap cache (a page keeps its slot while it is written out and after it is read back, so a
 * clean page goes out again without a write), swap-out and swap-in with the device's latency and
 * bandwidth, zero pages kept only in the zeromap (swpout_zero / swpin_zero), VMA-based swap
 * readahead ({@link io.mmspec.runtime.mm.swap.SwapReadahead}: the window follows the faults of
 * each VMA and reads the swap PTEs around the fault, clipped to the VMA and its 2 MB; the
 * per-VMA state is a side table, {@link io.mmspec.runtime.mm.swap.SwapRaInfo}, since VMAs
 * are immutable here), and the counters pswpin, pswpout, swap_ra, swap_ra_hit and the
 * meminfo totals.
 * The bytes of every swapped page are kept per slot, so nothing written is lost.
 *
 * <p>The entry point is {@link io.mmspec.runtime.mm.swap.Swap}; the fault path uses
 * {@link io.mmspec.runtime.mm.swap.SwapIn}.
 *
 * <p>Not modelled: swapoff and try_to_unuse(), swap files on filesystems (SWP_FS_OPS) and
 * extents, rotational devices (the HDD global cluster), discard, large folios in swap (mTHP and
 * THP swap-out, so no thp_swpout), zswap, the SWP_SYNCHRONOUS_IO shortcut (zram), the
 * offset-based swap_cluster_readahead() (the kernel uses it only when a rotational device is
 * swapped on or vma_ra_enabled is off; neither exists here), swap cgroup charging, and workingset shadows of swapped pages. Writes are asynchronous
 * ({@link io.mmspec.runtime.mm.swap.SwapWriteback}: PG_writeback until the disk's request queue
 * completes them); reads are plugged (one request per run of adjacent slots), the faulting task
 * waits for its own page's request, and a later fault on a readahead page still on the disk
 * waits for the rest.
 */
package io.mmspec.runtime.mm.swap;
