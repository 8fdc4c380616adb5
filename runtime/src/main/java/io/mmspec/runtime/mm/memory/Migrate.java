package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.filemap.AddressSpace;
import io.mmspec.runtime.mm.filemap.PageCache;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.CostModel;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * Page migration: moving a page's contents to another frame, transparently to every process
 * that maps it. Mirrors mm/migrate.c: migrate_pages() for one folio: allocate the destination,
 * copy the data and the page state (folio_migrate_mapping, folio_migrate_flags), rewrite every
 * PTE found by the reverse map (remove_migration_ptes), flush the TLBs of every CPU that ran
 * those address spaces, and free the old page. Counts pgmigrate_success / pgmigrate_fail.
 * A page-cache page also moves in its file's cache (folio_migrate_mapping's xas_store).
 */
public final class Migrate {
    private final PageAllocator allocator;
    private final MemMap memMap;
    private final Rmap rmap;
    private final Mmu mmu;
    private final Current current;
    private final CostMeter meter;
    private final CostModel costs;
    private final VmEventCounters events;
    private final Trace trace;
    private final PageCache pageCache;

    private LruPages lru = LruPages.NONE;
    private SwapPages swapCache;

    /** The LRU lists and the swap cache a migrated page leaves and joins. */
    public void setReclaim(LruPages lruvec, SwapPages cache) {
        this.lru = lruvec;
        this.swapCache = cache;
    }

    public Migrate(PageAllocator allocator, Rmap rmap, PageCache pageCache, Mmu mmu, Current current,
                   CostMeter meter, CostModel costs, VmEventCounters events, Trace trace) {
        this.pageCache = pageCache;
        this.allocator = allocator;
        this.memMap = allocator.memMap();
        this.rmap = rmap;
        this.mmu = mmu;
        this.current = current;
        this.meter = meter;
        this.costs = costs;
        this.events = events;
        this.trace = trace;
    }

    /** Migrates the order-0 page {@code pfn}; returns the new pfn, or -1 if none was free. */
    public long migratePage(long pfn) {
        int cpu = current.cpu();
        if (memMap.testFlag(pfn, PageFlags.PG_locked) || memMap.testFlag(pfn, PageFlags.PG_writeback)) {
            events.count(VmEvent.PGMIGRATE_FAIL); // I/O in flight: migrate_folio_unmap() skips it
            return -1;
        }
        long target = allocator.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, cpu);
        if (target < 0) {
            events.count(VmEvent.PGMIGRATE_FAIL);
            return -1;
        }
        boolean onLru = lru.isolate(pfn);
        boolean inSwapCache = swapCache != null && swapCache.isSwapCache(pfn);
        Object mapping = memMap.mapping(pfn);
        int[] moved = {0};
        // the walk needs the old page's mapping, which a file page loses when its data moves
        rmap.walk(pfn, (mm, vma, address, pte) -> {
            MmuContext context = MmOps.context(mm);
            context.pageTable().setPte(address, Pte.make(target, Pte.flags(pte)));
            mmu.flushTlbMmRange(cpu, context, address, address + 4096, false);
            moved[0]++;
        });
        memMap.migratePageData(pfn, target);
        meter.charge(costs.copyPageNs());
        if (mapping instanceof AddressSpace) {
            pageCache.replacePage(pfn, target);
        }
        if (inSwapCache) {
            swapCache.replacePage(pfn, target);
        }
        memMap.setRefcount(target, memMap.refcount(pfn));
        while (memMap.mapcount(target) < memMap.mapcount(pfn)) {
            memMap.incMapcount(target);
        }
        while (memMap.mapcount(pfn) > 0) {
            memMap.decMapcount(pfn);
        }
        memMap.setMapping(pfn, null, false);
        memMap.setRefcount(pfn, 1);
        memMap.clearFlag(pfn, PageFlags.PG_active);
        memMap.clearFlag(pfn, PageFlags.PG_unevictable);
        allocator.freePages(pfn, 0, cpu);
        if (onLru) {
            lru.add(target, 0, 0);
        }
        events.count(VmEvent.PGMIGRATE_SUCCESS);
        trace.event(EventKind.MIGRATE, cpu, current.pid())
                .with("from_pfn", pfn).with("to_pfn", target).with("ptes", moved[0]).emit();
        return target;
    }
}
