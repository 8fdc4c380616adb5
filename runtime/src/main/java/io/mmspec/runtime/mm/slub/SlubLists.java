package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;

/**
 * Moving slabs between the CPU slab, the per-CPU partial list and the node partial list.
 * Mirrors mm/slub.c: add_partial(), remove_partial(), put_cpu_partial(), __put_partials(),
 * deactivate_slab(), flush_slab()/flush_cpu_slab() and flush_all(), count_partial_free_approx().
 *
 * <pre>
 *   state of a slab        where it is                    kernel
 *   active (frozen)        kmem_cache_cpu.slab            slab-&gt;frozen = 1
 *   partial                c-&gt;partial or n-&gt;partial      some objects free
 *   full                   on no list                     (n-&gt;full only with SLAB_STORE_USER)
 *   empty                  freed unless n-&gt;nr_partial &lt; min_partial
 * </pre>
 */
final class SlubLists {
    private final SlabPages pages;
    private final MemMap map;

    SlubLists(SlabPages pages, MemMap map) {
        this.pages = pages;
        this.map = map;
    }

    /** add_partial(): DEACTIVATE_TO_HEAD or DEACTIVATE_TO_TAIL. */
    void addPartial(KmemCache s, Slab slab, boolean toHead) {
        if (toHead) {
            s.node.partial.addHead(slab);
        } else {
            s.node.partial.addTail(slab);
        }
        slab.onNodePartial = true;
        map.setFlag(slab.pfn, PageFlags.PG_workingset); // slab_set_node_partial(): SL_partial
    }

    void removePartial(KmemCache s, Slab slab) {
        s.node.partial.remove(slab);
        slab.onNodePartial = false;
        map.clearFlag(slab.pfn, PageFlags.PG_workingset);
    }

    /**
     * put_cpu_partial(): a slab with free objects onto this CPU's partial list. With
     * {@code drain}, a list already holding cpu_partial_slabs slabs first goes to the node.
     */
    void putCpuPartial(KmemCache s, Slab slab, int cpu, boolean drain) {
        KmemCache.CpuSlab c = s.cpuSlabs[cpu];
        if (drain && c.partial.size() >= s.cpuPartialSlabs) {
            putPartials(s, c, cpu);
            s.stat(SlubStat.CPU_PARTIAL_DRAIN, cpu);
        }
        c.partial.addHead(slab);
        slab.cpuPartialOf = cpu;
    }

    /** __put_partials(): every slab of a CPU partial list to the node, empty ones freed. */
    void putPartials(KmemCache s, KmemCache.CpuSlab c, int cpu) {
        if (c.partial.size() == 0) {
            return;
        }
        s.listLockTaken++;
        c.partial.forEach(slab -> {
            c.partial.remove(slab);
            slab.cpuPartialOf = Slab.NONE;
            if (slab.inuse == 0 && s.node.partial.size() >= s.minPartial) {
                s.stat(SlubStat.DEACTIVATE_EMPTY, cpu);
                pages.discardSlab(s, slab, cpu);
                s.stat(SlubStat.FREE_SLAB, cpu);
            } else {
                addPartial(s, slab, false);
                s.stat(SlubStat.FREE_ADD_PARTIAL, cpu);
            }
        });
    }

    /**
     * deactivate_slab(): the CPU gives its slab back; the objects on its lockless freelist
     * return to the slab's freelist, and the slab goes to the node partial list, is freed
     * (empty, with enough partial slabs), or stays on no list (full).
     */
    void deactivateSlab(KmemCache s, Slab slab, int cpuFreelist, int cpu) {
        boolean toHead = true;
        if (slab.freelist != Slab.NONE) {
            s.stat(SlubStat.DEACTIVATE_REMOTE_FREES, cpu);
            toHead = false;
        }
        int freed = 0;
        int tail = Slab.NONE;
        for (int i = cpuFreelist; i != Slab.NONE; i = slab.next[i]) {
            freed++;
            tail = i;
        }
        if (tail != Slab.NONE) {
            slab.next[tail] = slab.freelist;
            slab.freelist = cpuFreelist;
        }
        slab.inuse -= freed;
        slab.frozenBy = Slab.NONE;
        if (slab.inuse == 0 && s.node.partial.size() >= s.minPartial) {
            s.stat(SlubStat.DEACTIVATE_EMPTY, cpu);
            pages.discardSlab(s, slab, cpu);
            s.stat(SlubStat.FREE_SLAB, cpu);
        } else if (slab.freelist != Slab.NONE) {
            s.listLockTaken++;
            addPartial(s, slab, toHead);
            s.stat(toHead ? SlubStat.DEACTIVATE_TO_HEAD : SlubStat.DEACTIVATE_TO_TAIL, cpu);
        } else {
            s.stat(SlubStat.DEACTIVATE_FULL, cpu);
        }
    }

    /** flush_cpu_slab(): the CPU slab deactivated and the CPU partial list put to the node. */
    void flushCpu(KmemCache s, int cpu) {
        flushSlab(s, cpu);
        putPartials(s, s.cpuSlabs[cpu], cpu);
    }

    /** flush_slab(): the CPU's active slab, if it has one, deactivated (cpuslab_flush). */
    void flushSlab(KmemCache s, int cpu) {
        KmemCache.CpuSlab c = s.cpuSlabs[cpu];
        if (c.slab != null) {
            Slab slab = c.slab;
            int freelist = c.freelist;
            c.slab = null;
            c.freelist = Slab.NONE;
            deactivateSlab(s, slab, freelist, cpu);
            s.stat(SlubStat.CPUSLAB_FLUSH, cpu);
        }
    }

    /** flush_all(). */
    void flushAll(KmemCache s) {
        for (int cpu = 0; cpu < s.cpuSlabs.length; cpu++) {
            flushCpu(s, cpu);
        }
    }

    /** count_partial_free_approx(): free objects of the node partial slabs. */
    static long partialFree(KmemCache s) {
        long[] free = {0};
        s.node.partial.forEach(slab -> free[0] += slab.objects - slab.inuse);
        return free[0];
    }
}
