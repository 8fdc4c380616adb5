/**
 * The SLUB slab allocator (mm/slub.c, mm/slab_common.c of Linux 6.18): kmem caches with their
 * object layout and slab order (calculate_sizes(), calculate_order()), per-CPU slabs with a
 * lockless freelist and a per-CPU partial list (cpu_partial_slabs), the node partial list kept
 * at min_partial, slab merging (find_mergeable()), SLUB_STATS counters, /proc/slabinfo,
 * SReclaimable/SUnreclaim accounting, large kmalloc pages, and slub_debug (F Z P U): red zones,
 * poisoning, the kmalloc red zone, and check_object()'s reports in the kernel's words.
 *
 * <p>Entry point: {@link io.mmspec.runtime.mm.slub.SlabAllocator}. Object bytes live in the
 * slab pages (MemMap data), so data written is data read back and overruns land where they
 * would in the kernel.
 *
 * <p>Left out: the 6.18 opt-in sheaves (sheaf_capacity is 0 for every cache here), the
 * kmem_cache and kmem_cache_node boot caches themselves, constructors, freelist randomisation
 * and pointer obfuscation (CONFIG_SLAB_FREELIST_RANDOM/HARDENED; objects are handed out in
 * address order, but the hardened "Wrong slab cache" check is made), memcg charging, NUMA
 * (one node; a request for another node falls back as ___slab_alloc() does for a node without
 * memory), pfmemalloc slabs, RCU-delayed freeing, KASAN/KFENCE, SLAB_TRACE output, the
 * stack traces of slub_debug=U (tracks take their room in the layout but "Allocated in" lines
 * are not printed), WARN splats beyond their message line, and colouring, which SLUB never
 * had (the old SLAB allocator did; see {@link io.mmspec.runtime.mm.slub.KmemCache}). Without
 * slub_debug=F a double free or a pointer into the middle of an object is refused with an
 * exception instead of corrupting a freelist.
 */
package io.mmspec.runtime.mm.slub;
