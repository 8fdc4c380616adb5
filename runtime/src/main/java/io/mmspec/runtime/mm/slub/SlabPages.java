package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.Trace;

/**
 * Getting slabs from the page allocator and giving them back. Mirrors mm/slub.c:
 * allocate_slab() (first the preferred order without reclaim, then s-&gt;min), new_slab(),
 * setup_slab_debug(), account_slab()/unaccount_slab() (NR_SLAB_RECLAIMABLE_B and
 * NR_SLAB_UNRECLAIMABLE_B), discard_slab() and __free_slab(); and virt_to_slab().
 *
 * <p>A slab's head page carries PGTY_slab (__folio_set_slab()), so the page allocator's
 * checks and anyone walking the mem_map see it as a slab page.
 */
final class SlabPages {
    private final TaskOfEvents task;
    private final PageAllocator pages;
    private final MemMap map;
    private final Trace trace;
    private final ObjectDebug debug;
    private final SlubReport report;
    private final SlabMap slabs = new SlabMap();
    long reclaimableBytes;
    long unreclaimableBytes;

    SlabPages(PageAllocator pages, Trace trace, ObjectDebug debug, SlubReport report, TaskOfEvents task) {
        this.task = task;
        this.pages = pages;
        this.map = pages.memMap();
        this.trace = trace;
        this.debug = debug;
        this.report = report;
    }

    SlabMap slabs() {
        return slabs;
    }

    /** new_slab(): a fresh slab of the cache, all objects free, or null when memory is short. */
    Slab newSlab(KmemCache s, Gfp gfp, int cpu) {
        Gfp flags = report.fixFlags(gfp).andNot(Gfp.__GFP_ZERO).or(s.allocFlags);
        CacheLayout layout = s.layout;
        int order = layout.order();
        Gfp first = flags.or(Gfp.__GFP_NOWARN).or(Gfp.__GFP_NORETRY).andNot(Gfp.__GFP_NOFAIL);
        if (first.has(Gfp.__GFP_DIRECT_RECLAIM) && order > layout.minOrder()) {
            first = first.or(Gfp.__GFP_NOMEMALLOC).andNot(Gfp.__GFP_RECLAIM);
        }
        long pfn = pages.allocPages(order, first, cpu);
        if (pfn == PageAllocator.NO_PAGE && order > layout.minOrder()) {
            order = layout.minOrder();
            pfn = pages.allocPages(order, flags, cpu);
            if (pfn != PageAllocator.NO_PAGE) {
                s.stat(SlubStat.ORDER_FALLBACK, cpu);
            }
        }
        if (pfn == PageAllocator.NO_PAGE) {
            return null;
        }
        int objects = order == layout.order() ? layout.objects() : CacheLayout.orderObjects(order, layout.size());
        Slab slab = new Slab(s, pfn, order, objects, 0,
                s.has(SlabFlag.SLAB_STORE_USER) && s.has(SlabFlag.SLAB_KMALLOC));
        map.setPageType(pfn, PageFlags.PGTY_slab);
        slabs.put(pfn, slab);
        account(s, slab.bytes());
        debug.setupSlab(slab);
        trace.event(EventKind.SLAB_ALLOC, cpu, task.pid()).with("cache", s.name).with("pfn", pfn)
                .with("order", order).with("objects", objects).emit();
        return slab;
    }

    /** discard_slab(): the node's counts drop and the pages go back to the page allocator. */
    void discardSlab(KmemCache s, Slab slab, int cpu) {
        s.node.nrSlabs--;
        s.node.totalObjects -= slab.objects;
        slab.counted = false;
        freeSlab(s, slab, cpu);
    }

    /** __free_slab() of a slab whose node counts were already dropped. */
    void freeSlab(KmemCache s, Slab slab, int cpu) {
        debug.checkSlabOnFree(slab);
        slabs.remove(slab.pfn);
        map.clearPageType(slab.pfn);
        account(s, -slab.bytes());
        pages.freePages(slab.pfn, slab.order, cpu);
        trace.event(EventKind.SLAB_FREE, cpu, task.pid()).with("cache", s.name).with("pfn", slab.pfn)
                .with("order", slab.order).emit();
    }

    /** virt_to_slab(): the slab an address lies in, or null. */
    Slab virtToSlab(long addr) {
        long pfn = (addr - Slab.DIRECT_MAP) >> MemMap.PAGE_SHIFT;
        if (addr < Slab.DIRECT_MAP || pfn >= map.totalPages()) {
            return null;
        }
        return map.pageType(map.compoundHead(pfn)) == PageFlags.PGTY_slab ? slabs.get(map.compoundHead(pfn)) : null;
    }

    private void account(KmemCache s, long bytes) {
        if (s.has(SlabFlag.SLAB_RECLAIM_ACCOUNT)) {
            reclaimableBytes += bytes;
        } else {
            unreclaimableBytes += bytes;
        }
    }
}
