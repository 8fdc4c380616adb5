package io.mmspec.runtime.mm.slub;

/**
 * Giving an object back. Mirrors mm/slub.c (Linux 6.18 without sheaves): do_slab_free()'s
 * lockless fast path, __slab_free() and free_to_partial_list() for debug caches.
 *
 * <pre>
 *   object of this CPU's active slab? ──yes──▶ onto c-&gt;freelist: free_fastpath, no lock
 *        │ no (free_slowpath): onto the slab's own freelist, then by the slab's state:
 *        ├─ frozen (another CPU's slab) ────────▶ free_frozen
 *        ├─ was full ───────────────────────────▶ this CPU's partial list: cpu_partial_free
 *        ├─ now empty, node has min_partial ────▶ slab freed: free_slab (list_lock)
 *        └─ otherwise ──────────────────────────▶ stays where it is
 * </pre>
 */
final class SlubFree {
    private final SlabPages pages;
    private final SlubLists lists;
    private final ObjectDebug debug;

    SlubFree(SlabPages pages, SlubLists lists, ObjectDebug debug) {
        this.pages = pages;
        this.lists = lists;
        this.debug = debug;
    }

    /** do_slab_free() of one object of the slab; false when debug checks refused it. */
    boolean free(KmemCache s, Slab slab, int object, int cpu) {
        KmemCache.CpuSlab c = s.cpuSlabs[cpu];
        if (slab == c.slab) {
            slab.next[object] = c.freelist;
            c.freelist = object;
            s.stat(SlubStat.FREE_FASTPATH, cpu);
            return true;
        }
        s.stat(SlubStat.FREE_SLOWPATH, cpu);
        if (s.isDebug()) {
            return freeToPartialList(s, slab, object, cpu);
        }
        slowFree(s, slab, object, cpu);
        return true;
    }

    /** __slab_free(). */
    private void slowFree(KmemCache s, Slab slab, int object, int cpu) {
        int prior = slab.freelist;
        boolean wasFrozen = slab.frozenBy != Slab.NONE;
        slab.next[object] = prior;
        slab.freelist = object;
        slab.inuse--;
        if (wasFrozen) {
            s.stat(SlubStat.FREE_FROZEN, cpu);
            return;
        }
        if (prior == Slab.NONE) {
            lists.putCpuPartial(s, slab, cpu, true); // was full: kmem_cache_has_cpu_partial()
            s.stat(SlubStat.CPU_PARTIAL_FREE, cpu);
            return;
        }
        if (slab.inuse != 0) {
            return;
        }
        s.listLockTaken++;
        if (!slab.onNodePartial) {
            return; // on a CPU partial list: it stays there, empty
        }
        if (s.node.partial.size() >= s.minPartial) {
            lists.removePartial(s, slab);
            s.stat(SlubStat.FREE_REMOVE_PARTIAL, cpu);
            s.stat(SlubStat.FREE_SLAB, cpu);
            pages.discardSlab(s, slab, cpu);
        }
    }

    /** free_to_partial_list(): debug caches free one object at a time under list_lock. */
    private boolean freeToPartialList(KmemCache s, Slab slab, int object, int cpu) {
        s.listLockTaken++;
        if (!debug.freeDebugProcessing(slab, object)) {
            return false;
        }
        int prior = slab.freelist;
        slab.inuse--;
        slab.next[object] = prior;
        slab.freelist = object;
        boolean discard = slab.inuse == 0 && s.node.partial.size() >= s.minPartial;
        if (prior == Slab.NONE) {
            if (!discard) {
                lists.addPartial(s, slab, false);
                s.stat(SlubStat.FREE_ADD_PARTIAL, cpu);
            }
        } else if (discard) {
            lists.removePartial(s, slab);
            s.stat(SlubStat.FREE_REMOVE_PARTIAL, cpu);
        }
        if (discard) {
            s.stat(SlubStat.FREE_SLAB, cpu);
            pages.discardSlab(s, slab, cpu);
        }
        return true;
    }
}
