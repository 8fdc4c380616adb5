package io.mmspec.runtime.mm.kmalloc;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.slub.SlabFlag;

/**
 * The kmalloc cache families. Mirrors enum kmalloc_cache_type and kmalloc_type() of
 * include/linux/slab.h (CONFIG_ZONE_DMA and CONFIG_MEMCG on, no random caches), with the
 * name prefixes and flags of new_kmalloc_cache() in mm/slab_common.c. Declared in the
 * kernel's order, which is the order the caches are created at boot.
 */
public enum KmallocType {
    /** kmalloc-N; SLAB_NO_MERGE because CONFIG_MEMCG is on. */
    KMALLOC_NORMAL("kmalloc-", SlabFlag.SLAB_NO_MERGE),
    /** kmalloc-rcl-N for __GFP_RECLAIMABLE: counted in SReclaimable. */
    KMALLOC_RECLAIM("kmalloc-rcl-", SlabFlag.SLAB_RECLAIM_ACCOUNT),
    /** dma-kmalloc-N for __GFP_DMA: pages from ZONE_DMA. */
    KMALLOC_DMA("dma-kmalloc-", SlabFlag.SLAB_CACHE_DMA),
    /** kmalloc-cg-N for __GFP_ACCOUNT: charged to the memory cgroup. */
    KMALLOC_CGROUP("kmalloc-cg-", SlabFlag.SLAB_ACCOUNT);

    private final String prefix;
    private final SlabFlag flag;

    KmallocType(String prefix, SlabFlag flag) {
        this.prefix = prefix;
        this.flag = flag;
    }

    public String prefix() {
        return prefix;
    }

    SlabFlag flag() {
        return flag;
    }

    /** kmalloc_type(): __GFP_DMA first, then __GFP_RECLAIMABLE, then __GFP_ACCOUNT. */
    public static KmallocType of(Gfp gfp) {
        if (gfp.has(Gfp.__GFP_DMA)) {
            return KMALLOC_DMA;
        }
        if (gfp.has(Gfp.__GFP_RECLAIMABLE)) {
            return KMALLOC_RECLAIM;
        }
        return gfp.has(Gfp.__GFP_ACCOUNT) ? KMALLOC_CGROUP : KMALLOC_NORMAL;
    }
}
