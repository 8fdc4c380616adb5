package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.KernelLog;

/**
 * Taking an object. Mirrors mm/slub.c (Linux 6.18 without sheaves): slab_alloc_node()'s
 * lockless fast path, ___slab_alloc(), get_freelist(), freeze_slab(), get_partial_node(),
 * alloc_single_from_partial() and alloc_single_from_new_slab() for debug caches,
 * slab_out_of_memory().
 *
 * <pre>
 *   c-&gt;freelist has an object? ──yes──▶ take it: alloc_fastpath, no lock
 *        │ no (alloc_slowpath)
 *        ▼
 *   c-&gt;slab's own freelist (remote frees)? ──▶ alloc_refill
 *   c-&gt;partial has a slab? ──────────────────▶ cpu_partial_alloc
 *   node partial list (list_lock)? ───────────▶ alloc_from_partial, + up to cpu_partial_slabs/2
 *                                               more onto c-&gt;partial (cpu_partial_node)
 *   new_slab() from the page allocator ───────▶ alloc_slab (the old c-&gt;slab is deactivated)
 * </pre>
 *
 * Debug caches never get a CPU slab: every object is taken under list_lock from a node
 * partial slab or a new slab, after alloc_debug_processing().
 */
final class SlubAlloc {
    static final int NUMA_NO_NODE = -1;

    private final SlabPages pages;
    private final SlubLists lists;
    private final ObjectDebug debug;
    private final KernelLog log;

    SlubAlloc(SlabPages pages, SlubLists lists, ObjectDebug debug, KernelLog log) {
        this.pages = pages;
        this.lists = lists;
        this.debug = debug;
        this.log = log;
    }

    /** slab_alloc_node(): the object taken, or null when no memory could be had. */
    Slab.Ref allocate(KmemCache s, Gfp gfp, int cpu, int node, int origSize) {
        KmemCache.CpuSlab c = s.cpuSlabs[cpu];
        if (c.slab != null && c.freelist != Slab.NONE && nodeMatch(c.slab, node)) {
            int object = c.freelist;
            c.freelist = c.slab.next[object];
            s.stat(SlubStat.ALLOC_FASTPATH, cpu);
            return new Slab.Ref(c.slab, object);
        }
        return slowAlloc(s, gfp, cpu, node, origSize);
    }

    private static boolean nodeMatch(Slab slab, int node) {
        return node == NUMA_NO_NODE || slab.node == node;
    }

    /** ___slab_alloc(). */
    private Slab.Ref slowAlloc(KmemCache s, Gfp gfp, int cpu, int node, int origSize) {
        s.stat(SlubStat.ALLOC_SLOWPATH, cpu);
        if (node != NUMA_NO_NODE && node != 0) {
            node = NUMA_NO_NODE; // !node_isset(node, slab_nodes): any node will do
        }
        KmemCache.CpuSlab c = s.cpuSlabs[cpu];
        if (c.slab != null) {
            if (c.freelist != Slab.NONE) {
                return loadFreelist(c, c.freelist);
            }
            int freelist = getFreelist(c.slab);
            if (freelist != Slab.NONE) {
                s.stat(SlubStat.ALLOC_REFILL, cpu);
                return loadFreelist(c, freelist);
            }
            c.slab = null; // the slab is full: it is now on no list
            s.stat(SlubStat.DEACTIVATE_BYPASS, cpu);
        }
        Slab partial = c.partial.first();
        if (partial != null) {
            c.partial.remove(partial);
            partial.cpuPartialOf = Slab.NONE;
            partial.frozenBy = cpu;
            c.slab = partial;
            s.stat(SlubStat.CPU_PARTIAL_ALLOC, cpu);
            return loadFreelist(c, getFreelist(partial));
        }
        return newObjects(s, gfp, cpu, node, origSize);
    }

    private Slab.Ref newObjects(KmemCache s, Gfp gfp, int cpu, int node, int origSize) {
        while (true) {
            if (s.isDebug()) {
                Slab.Ref ref = allocSingleFromPartial(s, cpu, origSize);
                if (ref != null) {
                    return ref;
                }
            } else {
                Slab partial = getPartialNode(s, cpu);
                if (partial != null) {
                    return installCpuSlab(s, cpu, partial, freezeSlab(partial, cpu));
                }
            }
            Slab slab = pages.newSlab(s, gfp, cpu);
            if (slab == null) {
                slabOutOfMemory(s, gfp, node);
                return null;
            }
            s.stat(SlubStat.ALLOC_SLAB, cpu);
            if (s.isDebug()) {
                Slab.Ref ref = allocSingleFromNewSlab(s, slab, origSize);
                if (ref != null) {
                    return ref;
                }
                continue; // the new slab failed its checks: try again
            }
            incSlabsNode(s, slab);
            return installCpuSlab(s, cpu, slab, freezeSlab(slab, cpu));
        }
    }

    /** retry_load_slab: flush whatever CPU slab there is, then load the new one. */
    private Slab.Ref installCpuSlab(KmemCache s, int cpu, Slab slab, int freelist) {
        lists.flushSlab(s, cpu);
        KmemCache.CpuSlab c = s.cpuSlabs[cpu];
        c.slab = slab;
        return loadFreelist(c, freelist);
    }

    private static Slab.Ref loadFreelist(KmemCache.CpuSlab c, int freelist) {
        c.freelist = c.slab.next[freelist];
        return new Slab.Ref(c.slab, freelist);
    }

    /** get_freelist(): the CPU takes the slab's whole freelist; all its objects count as in use. */
    private static int getFreelist(Slab slab) {
        int freelist = slab.freelist;
        slab.freelist = Slab.NONE;
        slab.inuse = slab.objects;
        if (freelist == Slab.NONE) {
            slab.frozenBy = Slab.NONE;
        }
        return freelist;
    }

    /** freeze_slab(). */
    private static int freezeSlab(Slab slab, int cpu) {
        slab.frozenBy = cpu;
        return getFreelist(slab);
    }

    /** get_partial_node(): one slab for the CPU, and more for its partial list. */
    private Slab getPartialNode(KmemCache s, int cpu) {
        KmemCache.CacheNode n = s.node;
        if (n.partial.size() == 0) {
            return null;
        }
        s.listLockTaken++;
        Slab first = null;
        int partialSlabs = 0;
        for (Slab slab = n.partial.first(); slab != null; ) {
            Slab following = slab.nextSlab;
            lists.removePartial(s, slab);
            if (first == null) {
                first = slab;
                s.stat(SlubStat.ALLOC_FROM_PARTIAL, cpu);
                if (s.cpuPartialSlabs == 0) {
                    break;
                }
            } else {
                lists.putCpuPartial(s, slab, cpu, false);
                s.stat(SlubStat.CPU_PARTIAL_NODE, cpu);
                if (++partialSlabs > s.cpuPartialSlabs / 2) {
                    break;
                }
            }
            slab = following;
        }
        return first;
    }

    /** alloc_single_from_partial() over the node's partial list (debug caches). */
    private Slab.Ref allocSingleFromPartial(KmemCache s, int cpu, int origSize) {
        if (s.node.partial.size() == 0) {
            return null;
        }
        s.listLockTaken++;
        for (Slab slab = s.node.partial.first(); slab != null; ) {
            Slab following = slab.nextSlab;
            int object = slab.freelist;
            slab.freelist = slab.next[object];
            slab.inuse++;
            if (!debug.allocDebugProcessing(slab, object, origSize)) {
                lists.removePartial(s, slab);
            } else {
                if (slab.inuse == slab.objects) {
                    lists.removePartial(s, slab);
                }
                return new Slab.Ref(slab, object);
            }
            slab = following;
        }
        return null;
    }

    /** alloc_single_from_new_slab(). */
    private Slab.Ref allocSingleFromNewSlab(KmemCache s, Slab slab, int origSize) {
        int object = slab.freelist;
        slab.freelist = slab.next[object];
        slab.inuse = 1;
        if (!debug.allocDebugProcessing(slab, object, origSize)) {
            return null; // as in the kernel, the slab is left behind, counted nowhere
        }
        s.listLockTaken++;
        if (slab.inuse != slab.objects) {
            lists.addPartial(s, slab, true);
        }
        incSlabsNode(s, slab);
        return new Slab.Ref(slab, object);
    }

    /** inc_slabs_node(). */
    private static void incSlabsNode(KmemCache s, Slab slab) {
        s.node.nrSlabs++;
        s.node.totalObjects += slab.objects;
        slab.counted = true;
    }

    /** slab_out_of_memory(). */
    private void slabOutOfMemory(KmemCache s, Gfp gfp, int node) {
        if (gfp.has(Gfp.__GFP_NOWARN)) {
            return;
        }
        log.printk(KernelLog.Level.WARNING, "SLUB: Unable to allocate memory on node " + node + ", gfp="
                + gfp.describe());
        log.printk(KernelLog.Level.WARNING, "  cache: " + s.name + ", object size: " + s.objectSize()
                + ", buffer size: " + s.size() + ", default order: " + s.order() + ", min order: "
                + s.layout.minOrder());
        if (s.layout.minOrder() > io.mmspec.runtime.mm.pagealloc.PageAllocator.getOrder(s.objectSize())) {
            log.printk(KernelLog.Level.WARNING, "  " + s.name
                    + " debugging increased min order, use slab_debug=O to disable.");
        }
        log.printk(KernelLog.Level.WARNING, "  node 0: slabs: " + s.node.nrSlabs + ", objs: "
                + s.node.totalObjects + ", free: " + SlubLists.partialFree(s));
    }
}
