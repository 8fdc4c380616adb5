/**
 * Page reclaim (mm/vmscan.c, the LRU half of mm/swap.c, mm/mlock.c's LRU moves, and
 * try_to_unmap() / folio_referenced() of mm/rmap.c): the five LRU lists of the node, new pages
 * starting inactive, second chance through PG_referenced and the PTE accessed bits found by the
 * reverse map, aging of the active lists (inactive_is_low() with the int_sqrt(10·GB) ratio),
 * scan priority 12 down to 0 with size &gt;&gt; priority per list, swappiness and get_scan_count()
 * (SCAN_FRACT from lru_note_cost()'s anon_cost and file_cost, SCAN_EQUAL, SCAN_ANON,
 * SCAN_FILE), shrink_folio_list() (clean file pages dropped through the page cache, anonymous
 * pages swapped out, mlocked pages moved to the unevictable list), kswapd as a thread in
 * simulated time (woken below the low watermark, asleep once a zone is above high + boost,
 * hopeless after 16 failed runs) and direct reclaim charged to the allocating task, with the
 * kernel's counters and the kswapd_wake, kswapd_sleep and direct_reclaim trace events.
 *
 * <p>The entry point is {@link io.mmspec.runtime.mm.vmscan.Vmscan}, which the page allocator
 * calls through its ReclaimHooks; {@link io.mmspec.runtime.mm.vmscan.Lruvec} is what the fault
 * path and the page cache call to put pages on the lists and take them off;
 * {@link io.mmspec.runtime.mm.vmscan.FileReclaim} is what reclaim needs of the page cache.
 *
 * <p>Not modelled: MGLRU (CONFIG_LRU_GEN is off on the reference machine), memory cgroups and
 * their protection, slab shrinkers, NUMA demotion, reclaim of large folios (THPs are kept whole
 * on the lists and activated, neither split nor swapped out as a whole), lazy-free pages
 * (MADV_FREE), writing file pages from reclaim (gone since 6.16: the flusher writes them),
 * reclaim_throttle() and throttle_direct_reclaim() (their sleeps), compaction and
 * should_continue_reclaim(), the per-CPU LRU add batches (pages join their list at once), and
 * mlock_count (the last munlock makes a page evictable again; reclaim re-mlocks a page still in
 * a locked VMA). Clearing a PTE's accessed bit is followed by a TLB flush here, though x86 skips
 * it: the simulated TLB never loses an entry on its own, so without the flush a page in use
 * would look idle.
 */
package io.mmspec.runtime.mm.vmscan;
