package io.mmspec.runtime.mm.slub;

/**
 * The slab_flags_t bits a cache is created with or that slub_debug adds. Mirrors
 * include/linux/slab.h (SLAB_*) of Linux 6.18; the names drop nothing but the C prefix rules
 * of Java (the constant SLAB_HWCACHE_ALIGN is the kernel's SLAB_HWCACHE_ALIGN).
 */
public enum SlabFlag {
    /** slub_debug=F: check_object() and list consistency at every alloc and free. */
    SLAB_CONSISTENCY_CHECKS,
    /** slub_debug=Z: red zones around each object. */
    SLAB_RED_ZONE,
    /** slub_debug=P: poison free objects (0x6b ... 0xa5) and padding (0x5a). */
    SLAB_POISON,
    /** Align objects on a cache line (64 bytes) when they are large enough. */
    SLAB_HWCACHE_ALIGN,
    /** Allocate slab pages from ZONE_DMA. */
    SLAB_CACHE_DMA,
    /** Allocate slab pages from ZONE_DMA32. */
    SLAB_CACHE_DMA32,
    /** slub_debug=U: store the last alloc and free owner (struct track) after the object. */
    SLAB_STORE_USER,
    /** Panic if kmem_cache_create() fails. */
    SLAB_PANIC,
    /** Objects may be reused (not their memory) before an RCU grace period ends. */
    SLAB_TYPESAFE_BY_RCU,
    /** slub_debug=T: print every alloc and free (not modelled beyond merging rules). */
    SLAB_TRACE,
    /** Objects are not tracked by kmemleak. */
    SLAB_NOLEAKTRACE,
    /** The cache must never be merged with another. */
    SLAB_NO_MERGE,
    /** slub_debug=A: fault injection (not modelled beyond merging rules). */
    SLAB_FAILSLAB,
    /** Charge objects to the allocating task's memory cgroup (kmem_cache_alloc with __GFP_ACCOUNT). */
    SLAB_ACCOUNT,
    /** Objects are reclaimable (dentries, inodes): pages count as SReclaimable. */
    SLAB_RECLAIM_ACCOUNT,
    /** A kmalloc-* cache (set by create_kmalloc_cache()). */
    SLAB_KMALLOC;

    /** SLAB_NEVER_MERGE of mm/slab_common.c. */
    static boolean neverMerge(SlabFlag flag) {
        switch (flag) {
            case SLAB_RED_ZONE: case SLAB_POISON: case SLAB_STORE_USER: case SLAB_TRACE:
            case SLAB_TYPESAFE_BY_RCU: case SLAB_NOLEAKTRACE: case SLAB_FAILSLAB: case SLAB_NO_MERGE:
                return true;
            default:
                return false;
        }
    }

    /** SLAB_MERGE_SAME: caches merge only if they agree on these. */
    static boolean mergeSame(SlabFlag flag) {
        return flag == SLAB_RECLAIM_ACCOUNT || flag == SLAB_CACHE_DMA || flag == SLAB_CACHE_DMA32
                || flag == SLAB_ACCOUNT;
    }

    /** SLAB_DEBUG_FLAGS: any of these takes the cache off the per-CPU fast paths. */
    static boolean debug(SlabFlag flag) {
        return flag == SLAB_CONSISTENCY_CHECKS || flag == SLAB_RED_ZONE || flag == SLAB_POISON
                || flag == SLAB_STORE_USER || flag == SLAB_TRACE;
    }
}
