package io.mmspec.runtime.mm.vmalloc;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.Trace;

/**
 * The vmalloc address space: which ranges are free, busy or lazily freed, and the lazy purge
 * that makes freed ranges reusable. Mirrors mm/vmalloc.c alloc_vmap_area(),
 * free_vmap_area_noflush(), lazy_max_pages(), drain_vmap_area_work() and
 * __purge_vmap_area_lazy().
 *
 * <pre>
 *   vfree:  busy ──unmap PTEs (vunmap_range_noflush), no flush──► lazy    vmap_lazy_nr += pages
 *   vmap_lazy_nr &gt; lazy_max_pages():  drain_vmap_work
 *   purge:  lazy ──one flush_tlb_kernel_range(lowest start, highest end)──► free (merged)
 * </pre>
 *
 * Until the purge a freed range can still sit in some CPU's TLB, so it must not be handed out
 * again: that is why it stays out of the free space. The kernel runs the drain from a
 * workqueue soon after the vfree that crossed the threshold; here it runs when that vfree
 * returns ({@link #runPendingDrain()}).
 */
final class VmapSpace {
    final long base;
    final long limit;
    private final long vend;
    final FreeVmapAreas free;
    final AreaTree busy = new AreaTree();
    final AreaTree lazy = new AreaTree();
    private final long lazyMaxPages;
    private final KernelTlb tlb;
    private final Trace trace;
    private final KernelLog log;
    private final Current current;
    private long lazyNr;
    private long purges;
    private long flushes;
    private boolean drainPending;

    VmapSpace(VmallocConfig config, KernelTlb tlb, Trace trace, KernelLog log, Current current) {
        this.base = config.vmallocStart();
        this.vend = config.vmallocEnd();
        this.limit = config.vmallocEnd() - config.vmallocStart();
        this.free = new FreeVmapAreas(limit);
        this.lazyMaxPages = config.lazyMaxPages();
        this.tlb = tlb;
        this.trace = trace;
        this.log = log;
        this.current = current;
    }

    /**
     * alloc_vmap_area(): the lowest free range of {@code size} bytes (guard included) at
     * {@code align}; on overflow one purge of the lazy areas and a retry, then the warning.
     */
    VmapArea alloc(long size, long align, int flags, String caller, Gfp gfp) {
        long offset = free.alloc(size, align);
        if (offset < 0 && purge()) {
            offset = free.alloc(size, align);
        }
        if (offset < 0) {
            if (!gfp.has(Gfp.__GFP_NOWARN)) {
                log.printk(KernelLog.Level.WARNING, String.format(
                        "vmalloc_node_range for size %d failed: Address range restricted to %#x - %#x",
                        size, base, vend));
            }
            return null;
        }
        VmapArea area = new VmapArea(base + offset, base + offset + size, flags, caller);
        busy.insert(offset, area);
        return area;
    }

    /** find_vmap_area(): the busy area starting at addr, or null. */
    VmapArea findBusy(long addr) {
        long key = addr - base;
        return inRange(key) ? busy.find(key) : null;
    }

    /** The busy area whose range (guard page included) holds addr, or null. */
    VmapArea busyContaining(long addr) {
        long key = addr - base;
        return inRange(key) ? busy.containing(key, base) : null;
    }

    /**
     * remove_vm_area() + free_vmap_area_noflush(): unlinks the busy area at addr, clears its
     * PTEs (no TLB flush) and queues it on the lazy list; null if there is none.
     */
    VmapArea removeAndQueueLazy(long addr) {
        long key = addr - base;
        VmapArea area = inRange(key) ? busy.remove(key) : null;
        if (area == null) {
            return null;
        }
        area.lazy = true;
        lazy.insert(key, area);
        lazyNr += area.vaPages();
        if (lazyNr > lazyMaxPages) {
            drainPending = true;
        }
        return area;
    }

    /** drain_vmap_area_work(), scheduled by a free that crossed lazy_max_pages(). */
    void runPendingDrain() {
        if (drainPending) {
            drainPending = false;
            purge();
        }
    }

    /**
     * __purge_vmap_area_lazy(): one flush_tlb_kernel_range() over [lowest va_start, highest
     * va_end) of the lazy areas, then their ranges go back to the free space. False, with no
     * flush, when nothing was lazy.
     */
    boolean purge() {
        if (lazy.isEmpty()) {
            return false;
        }
        long start = lazy.get(0).vaStart;
        long end = lazy.get(lazy.size() - 1).vaEnd;
        long pages = 0;
        tlb.flushKernelRange(start, end);
        flushes++;
        for (int i = 0; i < lazy.size(); i++) {
            VmapArea area = lazy.get(i);
            pages += area.vaPages();
            free.free(area.vaStart - base, area.vaEnd - base);
        }
        int areas = lazy.size();
        lazy.clear();
        lazyNr -= pages;
        purges++;
        trace.event(EventKind.VMAP_PURGE, current.cpu(), current.pid())
                .with("start", start).with("end", end).with("pages", pages).with("areas", areas).emit();
        return true;
    }

    long lazyNr() {
        return lazyNr;
    }

    long lazyMaxPages() {
        return lazyMaxPages;
    }

    long purges() {
        return purges;
    }

    long flushes() {
        return flushes;
    }

    boolean drainPending() {
        return drainPending;
    }

    private boolean inRange(long key) {
        return key >= 0 && key < limit;
    }
}
