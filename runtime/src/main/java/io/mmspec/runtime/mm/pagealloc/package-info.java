/**
 * The physical page allocator: mirrors mm/page_alloc.c (buddy allocator, zones, watermarks,
 * GFP, per-CPU page lists, the allocation slow path), mm/sparse.c and struct page
 * ({@link io.mmspec.runtime.mm.pagealloc.MemMap}), and the boot-time min_free_kbytes of
 * mm/khugepaged.c. The public entry is {@link io.mmspec.runtime.mm.pagealloc.PageAllocator}.
 *
 * <p>What it models, as Linux 6.18 on x86-64 does it:
 * <ul>
 * <li>One node, zones DMA (&lt; 16 MiB), DMA32 (&lt; 4 GiB), Normal and an always-empty Movable.
 *     Physical memory is pfn 0 .. ram/4096 - 1 with no holes; pfn 0 is reserved (PG_reserved,
 *     refcount 1), so DMA's managed pages are its present pages minus one and every other
 *     zone's managed pages are its spanned pages.</li>
 * <li>Buddy free lists for orders 0..10 per migratetype (UNMOVABLE, MOVABLE, RECLAIMABLE) with
 *     the kernel's split, merge, head/tail placement, fallback (claim and steal, with
 *     ALLOC_NOFRAGMENT and watermark boosting) and grouping by mobility.</li>
 * <li>Watermarks from min_free_kbytes (raised by THP), or a machine-wide triple split by managed
 *     pages; lowmem_reserve (256 256 32); the watermark test with every reserve rule.</li>
 * <li>Per-CPU lists for orders 0..3 and 9 with the auto-tuned batch and high of 6.18.</li>
 * <li>The slow path with pluggable reclaim and OOM hooks; vmstat events.</li>
 * </ul>
 *
 * <p>Cost follows work: free memory nobody has touched lives as one pristine run of order-10
 * blocks per zone, and struct pages exist only for 128 MiB sections that were written.
 *
 * <p>Left out: NUMA (one node), HIGHMEM and ZONE_DEVICE, CMA, memory hotplug and isolation,
 * the HIGHATOMIC reserve, compaction (and so should_compact_retry()), page reporting and
 * shuffling, cpusets, memcg charging, KASAN/KMSAN, debug_pagealloc guard pages, deferred
 * struct page init, PCPF_FREE_HIGH_BATCH (needs CPU cache sizes). Pages are zeroed when freed
 * (init_on_free=1), so free frames hold no data and __GFP_ZERO finds them clear. The kernel's
 * unbounded OOM and __GFP_NOFAIL retry loops are cut after a fixed number of rounds.
 */
package io.mmspec.runtime.mm.pagealloc;
