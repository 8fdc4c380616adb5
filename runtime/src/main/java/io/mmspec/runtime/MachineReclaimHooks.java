package io.mmspec.runtime;

import io.mmspec.runtime.mm.oom.OomControl;
import io.mmspec.runtime.mm.oom.OomResult;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.ReclaimHooks;
import io.mmspec.runtime.task.Task;

/**
 * What the page allocator's slow path calls when the free lists are not enough:
 * __alloc_pages_may_oom() → out_of_memory(). Kswapd and direct reclaim plug in here as well.
 */
final class MachineReclaimHooks implements ReclaimHooks {
    private final Machine m;

    MachineReclaimHooks(Machine machine) {
        this.m = machine;
    }

    /**
     * out_of_memory() for the allocating task. A kill is progress (the allocator retries); a
     * victim still waiting for the reaper is not, so the allocation fails now and the faulting
     * task waits and retries (pagefault_out_of_memory) instead of spinning in the allocator.
     */
    /** Below the low watermark: kswapd wakes (mm/vmscan.c: wakeup_kswapd). */
    @Override
    public void wakeKswapd(io.mmspec.runtime.mm.pagealloc.ZoneType zone, Gfp gfp, int order,
                           io.mmspec.runtime.mm.pagealloc.ZoneType highestZone) {
        m.vmscan().wakeKswapd(zone, gfp, order, highestZone);
    }

    /** try_to_free_pages(): the allocating task reclaims itself. */
    @Override
    public long directReclaim(int order, Gfp gfp) {
        return m.vmscan().directReclaim(order, gfp);
    }

    @Override
    public long zoneReclaimablePages(io.mmspec.runtime.mm.pagealloc.ZoneType zone) {
        return m.vmscan().zoneReclaimablePages(zone);
    }

    @Override
    public boolean outOfMemory(int order, Gfp gfp) {
        Task current = m.tasks().byPid(m.current().pid()).orElse(m.kernelThread());
        OomResult result = m.oomKiller().outOfMemory(new OomControl(gfp, order, current));
        return switch (result.outcome()) {
            case KILLED, CURRENT_EXITING -> true;
            case VICTIM_PENDING, GFP_NOFS -> false;
            case PANIC -> throw new KernelPanic("System is deadlocked on memory");
        };
    }
}
