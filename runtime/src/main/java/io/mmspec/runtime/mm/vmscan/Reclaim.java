package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.mm.memory.PageRefs;
import io.mmspec.runtime.mm.memory.Rmap;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.swap.Swap;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.CostModel;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * What every part of reclaim works with: the mechanisms it calls into and the node's state.
 * Package-private wiring, so each class of vmscan stays small.
 */
final class Reclaim {
    final PageAllocator allocator;
    final MemMap memMap;
    final PageRefs refs;
    final Rmap rmap;
    final Mmu mmu;
    final Swap swap;
    final FileReclaim files;
    final Lruvec lruvec;
    final Pgdat pgdat;
    final CostMeter meter;
    final CostModel costs;
    final VmEventCounters events;
    final Trace trace;
    final Current current;
    /** vm.swappiness, 0..200. */
    int swappiness;

    Reclaim(PageAllocator allocator, PageRefs refs, Rmap rmap, Mmu mmu, Swap swap, FileReclaim files,
            CostMeter meter, CostModel costs, VmEventCounters events, Trace trace, Current current,
            int swappiness) {
        this.allocator = allocator;
        this.memMap = allocator.memMap();
        this.refs = refs;
        this.rmap = rmap;
        this.mmu = mmu;
        this.swap = swap;
        this.files = files;
        this.lruvec = new Lruvec(memMap, allocator, events);
        this.pgdat = new Pgdat(allocator);
        this.meter = meter;
        this.costs = costs;
        this.events = events;
        this.trace = trace;
        this.current = current;
        this.swappiness = swappiness;
    }

    /** can_reclaim_anon_pages(): is there free space on any swap device? */
    boolean canReclaimAnonPages() {
        return swap.nrSwapPages() > 0;
    }

    /** can_age_anon_pages(): aging the anon lists is worth it when swap exists at all. */
    boolean canAgeAnonPages() {
        return swap.totalSwapPages() > 0;
    }
}
