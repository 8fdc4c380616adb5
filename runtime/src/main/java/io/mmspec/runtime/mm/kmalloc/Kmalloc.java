package io.mmspec.runtime.mm.kmalloc;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.slub.KmemCache;
import io.mmspec.runtime.mm.slub.SlabAllocator;
import io.mmspec.runtime.mm.slub.SlabFlag;
import io.mmspec.runtime.sim.EventKind;

import java.util.EnumSet;
import java.util.Set;

/**
 * kmalloc() and kfree(). Mirrors mm/slab_common.c: create_kmalloc_caches() (every family's
 * caches at boot, as /proc/slabinfo shows them with 0 objects), kmalloc_slab(), and
 * __kmalloc_node() / kfree() / ksize() of mm/slub.c, with ZERO_SIZE_PTR for kmalloc(0) and
 * the large path above 8 KiB.
 *
 * <pre>
 *   Kmalloc k = new Kmalloc(slab, pages);
 *   long p = k.kmalloc(100, Gfp.GFP_KERNEL, 0, Kmalloc.NUMA_NO_NODE);   // from kmalloc-128
 *   k.kfree(p, 0);
 * </pre>
 */
public final class Kmalloc {
    /** ZERO_SIZE_PTR: kmalloc(0)'s answer, which may be kfree()d but not touched. */
    public static final long ZERO_SIZE_PTR = 16;
    public static final int NUMA_NO_NODE = -1;
    /** KMALLOC_MAX_SIZE = 1 &lt;&lt; (MAX_PAGE_ORDER + PAGE_SHIFT): 4 MiB. */
    public static final long KMALLOC_MAX_SIZE = 4L << 20;

    private final SlabAllocator slab;
    private final KmemCache[][] caches = new KmemCache[KmallocType.values().length][KmallocSizes.KMALLOC_SHIFT_HIGH + 1];
    private long remoteNodeRequests;

    public Kmalloc(SlabAllocator slab, PageAllocator pages) {
        if (slab.config().cpus() != pages.cpus()) {
            throw new IllegalArgumentException("SLUB and the page allocator disagree on the CPUs");
        }
        this.slab = slab;
        for (KmallocType type : KmallocType.values()) {
            for (int index : KmallocSizes.creationOrder()) {
                Set<SlabFlag> flags = EnumSet.of(SlabFlag.SLAB_KMALLOC, type.flag());
                caches[type.ordinal()][index] = slab.createCache(type.prefix() + KmallocSizes.sizeName(index),
                        KmallocSizes.size(index), 0, flags);
            }
        }
    }

    /** kmalloc() on the current CPU's node. */
    public long kmalloc(long size, Gfp gfp, int cpu) {
        return kmalloc(size, gfp, cpu, NUMA_NO_NODE);
    }

    /**
     * kmalloc_node(): an address, {@link #ZERO_SIZE_PTR} for size 0, or 0 when no memory (or
     * more than KMALLOC_MAX_SIZE was asked for). {@code node} -1 is NUMA_NO_NODE; this machine
     * has node 0 only, and a request for another node is served from node 0 and counted.
     */
    public long kmalloc(long size, Gfp gfp, int cpu, int node) {
        if (size == 0) {
            return ZERO_SIZE_PTR;
        }
        if (size < 0) {
            throw new IllegalArgumentException("kmalloc of " + size + " bytes");
        }
        if (node != NUMA_NO_NODE && node != 0) {
            remoteNodeRequests++;
        }
        long addr;
        long allocated;
        if (size > KmallocSizes.KMALLOC_MAX_CACHE_SIZE) {
            addr = slab.kmallocLarge(size, gfp, cpu);
            allocated = addr == 0 ? 0 : slab.ksize(addr);
        } else {
            KmemCache cache = cache(size, gfp);
            addr = slab.alloc(cache, gfp, cpu, node, size);
            allocated = cache.size();
        }
        slab.trace().event(EventKind.KMALLOC, cpu, 0).with("ptr", addr).with("bytes_req", size)
                .with("bytes_alloc", allocated).with("gfp_flags", gfp.toString()).with("node", node).emit();
        return addr;
    }

    /** kfree(): NULL and ZERO_SIZE_PTR do nothing. */
    public void kfree(long addr, int cpu) {
        slab.trace().event(EventKind.KFREE, cpu, 0).with("ptr", addr).emit();
        slab.kfree(addr, cpu);
    }

    /** ksize(): the usable size behind a kmalloc'd address (0 for ZERO_SIZE_PTR and NULL). */
    public long ksize(long addr) {
        return Long.compareUnsigned(addr, ZERO_SIZE_PTR) <= 0 ? 0 : slab.ksize(addr);
    }

    /** kmalloc_slab(): the cache a kmalloc of 1 .. 8192 bytes with these flags uses. */
    public KmemCache cache(long size, Gfp gfp) {
        return caches[KmallocType.of(gfp).ordinal()][KmallocSizes.index(size)];
    }

    /** The name of the cache kmalloc(size, gfp) uses: "kmalloc-128", "kmalloc-cg-2k". */
    public static String cacheName(long size, Gfp gfp) {
        int index = KmallocSizes.index(size);
        return KmallocType.of(gfp).prefix() + KmallocSizes.sizeName(index);
    }

    /** The size of the kmalloc class a request of {@code size} bytes is rounded up to. */
    public static int roundedSize(long size) {
        return KmallocSizes.size(KmallocSizes.index(size));
    }

    /** kmalloc_node() calls for a node this machine does not have (not a kernel counter). */
    public long remoteNodeRequests() {
        return remoteNodeRequests;
    }

}
