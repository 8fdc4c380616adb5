package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One slab cache. Mirrors struct kmem_cache of include/linux/slub_def.h: name, object_size,
 * size, align, flags, oo (order and objects), min, cpu_partial and cpu_partial_slabs
 * (set_cpu_partial()), min_partial, the per-CPU kmem_cache_cpu and the per-node
 * kmem_cache_node, and the SLUB_STATS counters.
 *
 * <p>Colouring: SLUB never coloured its slabs; the old SLAB allocator (mm/slab.c, removed in
 * 6.8) started consecutive slabs' first object at 0, 64, 128 ... bytes within the leftover.
 * In SLUB every slab's first object is at the slab's start (after the left red zone) and the
 * leftover the seed's colouring would use is simply unused at the end of each slab:
 * {@link #leftover()}.
 */
public final class KmemCache {
    final String name;
    final Set<SlabFlag> flags;
    final CacheLayout layout;
    final int cpuPartial;
    final int cpuPartialSlabs;
    final int minPartial;
    final Gfp allocFlags;
    final CpuSlab[] cpuSlabs;
    final CacheNode node = new CacheNode();
    private final long[][] stats;
    final List<String> aliases = new ArrayList<>();
    int refcount = 1;
    long listLockTaken;
    boolean destroyed;

    KmemCache(String name, Set<SlabFlag> flags, CacheLayout layout, int cpus) {
        this.name = name;
        this.flags = Collections.unmodifiableSet(EnumSet.copyOf(flags.isEmpty()
                ? EnumSet.noneOf(SlabFlag.class) : flags));
        this.layout = layout;
        this.cpuPartial = isDebug() ? 0 : cpuPartialObjects(layout.size());
        this.cpuPartialSlabs = (2 * cpuPartial + layout.objects() - 1) / layout.objects();
        this.minPartial = Math.max(5, Math.min(10, ilog2(layout.size()) / 2));
        Gfp gfp = Gfp.__GFP_COMP;
        if (flags.contains(SlabFlag.SLAB_RECLAIM_ACCOUNT)) {
            gfp = gfp.or(Gfp.__GFP_RECLAIMABLE);
        }
        if (flags.contains(SlabFlag.SLAB_CACHE_DMA)) {
            gfp = gfp.or(Gfp.__GFP_DMA);
        }
        if (flags.contains(SlabFlag.SLAB_CACHE_DMA32)) {
            gfp = gfp.or(Gfp.__GFP_DMA32);
        }
        this.allocFlags = gfp;
        this.cpuSlabs = new CpuSlab[cpus];
        for (int cpu = 0; cpu < cpus; cpu++) {
            cpuSlabs[cpu] = new CpuSlab();
        }
        this.stats = new long[cpus][SlubStat.values().length];
    }

    /** set_cpu_partial(): objects kept on each CPU's partial list. */
    static int cpuPartialObjects(int size) {
        if (size >= MemMap.PAGE_SIZE) {
            return 6;
        }
        if (size >= 1024) {
            return 24;
        }
        return size >= 256 ? 52 : 120;
    }

    /** kmem_cache_debug(): any debug flag takes the cache off the lockless paths. */
    boolean isDebug() {
        for (SlabFlag flag : flags) {
            if (SlabFlag.debug(flag)) {
                return true;
            }
        }
        return false;
    }

    boolean has(SlabFlag flag) {
        return flags.contains(flag);
    }

    void stat(SlubStat item, int cpu) {
        stats[cpu][item.ordinal()]++;
    }

    // ---- public view -----------------------------------------------------------------------

    public String name() {
        return name;
    }

    public int objectSize() {
        return layout.objectSize();
    }

    /** s->size: the stride of objects, with debug metadata and alignment (slabinfo's objsize). */
    public int size() {
        return layout.size();
    }

    public int align() {
        return layout.align();
    }

    public Set<SlabFlag> flags() {
        return flags;
    }

    public int order() {
        return layout.order();
    }

    public int objectsPerSlab() {
        return layout.objects();
    }

    public int pagesPerSlab() {
        return 1 << layout.order();
    }

    /** slab_ksize(): what ksize() reports for an object of this cache. */
    public int ksize() {
        if (has(SlabFlag.SLAB_RED_ZONE) || has(SlabFlag.SLAB_POISON)) {
            return layout.objectSize();
        }
        if (has(SlabFlag.SLAB_TYPESAFE_BY_RCU) || has(SlabFlag.SLAB_STORE_USER)) {
            return layout.inuse();
        }
        return layout.size();
    }

    /** s->inuse: the object with its right red zone. */
    public int inuse() {
        return layout.inuse();
    }

    /** s->offset: where the free pointer is kept. */
    public int freePointerOffset() {
        return layout.offset();
    }

    public int redLeftPad() {
        return layout.redLeftPad();
    }

    /** Bytes at the end of every slab that hold no object. */
    public int leftover() {
        return layout.leftover();
    }

    /** /sys/kernel/slab/NAME/cpu_partial: objects (0 for debug caches). */
    public int cpuPartial() {
        return cpuPartial;
    }

    /** s->cpu_partial_slabs = DIV_ROUND_UP(2 * cpu_partial, objects per slab). */
    public int cpuPartialSlabs() {
        return cpuPartialSlabs;
    }

    /** /sys/kernel/slab/NAME/min_partial. */
    public int minPartial() {
        return minPartial;
    }

    /** Names of the caches merged into this one (kmem_cache_create() returned this cache). */
    public List<String> aliases() {
        return Collections.unmodifiableList(aliases);
    }

    /** A SLUB_STATS counter summed over the CPUs. */
    public long stat(SlubStat item) {
        long sum = 0;
        for (long[] perCpu : stats) {
            sum += perCpu[item.ordinal()];
        }
        return sum;
    }

    /** A SLUB_STATS counter of one CPU (the " C0=" part of the sysfs file). */
    public long statOnCpu(SlubStat item, int cpu) {
        return stats[cpu][item.ordinal()];
    }

    /** A counter by its sysfs name ("alloc_fastpath"). */
    public long stat(String sysfsName) {
        return stat(SlubStat.bySysfsName(sysfsName)
                .orElseThrow(() -> new IllegalArgumentException("no SLUB stat '" + sysfsName + "'")));
    }

    /**
     * How often n-&gt;list_lock was taken. Not a kernel counter: the simulator's witness that the
     * fast paths (alloc_fastpath, free_fastpath) ran without the lock.
     */
    public long listLockTaken() {
        return listLockTaken;
    }

    /** n->nr_partial of the node. */
    public int nrPartial() {
        return node.partial.size();
    }

    /** Slabs of the cache (node_nr_slabs()). */
    public long nrSlabs() {
        return node.nrSlabs;
    }

    /** Objects the cache's slabs hold (node_nr_objs()). */
    public long totalObjects() {
        return node.totalObjects;
    }

    @Override
    public String toString() {
        return name;
    }

    static int ilog2(int value) {
        return 31 - Integer.numberOfLeadingZeros(value);
    }

    /** struct kmem_cache_cpu: the active slab, its lockless freelist, and the partial slabs. */
    static final class CpuSlab {
        Slab slab;
        int freelist = Slab.NONE;
        final SlabList partial = new SlabList();
    }

    /** struct kmem_cache_node: the partial list with its lock, and slab/object counts. */
    static final class CacheNode {
        final SlabList partial = new SlabList();
        long nrSlabs;
        long totalObjects;
    }
}
