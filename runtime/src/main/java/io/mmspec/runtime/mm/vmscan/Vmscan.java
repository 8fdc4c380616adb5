package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.mm.memory.PageRefs;
import io.mmspec.runtime.mm.memory.Rmap;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.ReclaimHooks;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.mm.swap.Swap;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.CostModel;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * Page reclaim: the LRU lists, kswapd and direct reclaim. The entry point of this package;
 * mirrors mm/vmscan.c as the page allocator calls it (wakeup_kswapd(), try_to_free_pages(),
 * zone_reclaimable_pages()), so an instance is the allocator's {@link ReclaimHooks}:
 *
 * <pre>
 *   Vmscan vmscan = new Vmscan(allocator, refs, rmap, mmu, swap, files, queue, meter, costs,
 *                              events, trace, current, 60);
 *   allocator.setReclaimHooks(vmscan);      // (an OOM killer wraps it to add outOfMemory)
 *   swap.setLru(vmscan.lruvec());
 *   vmscan.lruvec().lruAdd(pfn);            // every new anonymous or page-cache page
 * </pre>
 */
public final class Vmscan implements ReclaimHooks {
    private final Reclaim r;
    private final ScanBalance balance;
    private final NodeReclaim node;
    private final ShrinkLists lists;
    private final DirectReclaim direct;
    private final Kswapd kswapd;

    public Vmscan(PageAllocator allocator, PageRefs refs, Rmap rmap, Mmu mmu, Swap swap, FileReclaim files,
                  EventQueue queue, CostMeter meter, CostModel costs, VmEventCounters events, Trace trace,
                  Current current, int swappiness) {
        this.r = new Reclaim(allocator, refs, rmap, mmu, swap, files, meter, costs, events, trace, current, swappiness);
        setSwappiness(swappiness);
        this.balance = new ScanBalance(r);
        this.lists = new ShrinkLists(r);
        ReclaimThrottle throttle = new ReclaimThrottle(r, this);
        this.node = new NodeReclaim(r, lists, balance, throttle);
        this.direct = new DirectReclaim(r, node, balance, throttle);
        this.kswapd = new Kswapd(r, queue, new BalancePgdat(r, new NodeReclaim(r, lists, balance, throttle), lists,
                balance));
    }

    /** The node's LRU lists; every new user page joins them through {@link Lruvec#lruAdd}. */
    public Lruvec lruvec() {
        return r.lruvec;
    }

    public Kswapd kswapd() {
        return kswapd;
    }

    /** vm.swappiness (0..200): how willingly anonymous pages are swapped against file pages dropped. */
    public void setSwappiness(int swappiness) {
        if (swappiness < 0 || swappiness > ScanBalance.MAX_SWAPPINESS) {
            throw new IllegalArgumentException("swappiness must be 0..200: " + swappiness);
        }
        r.swappiness = swappiness;
    }

    public int swappiness() {
        return r.swappiness;
    }

    @Override
    public void wakeKswapd(ZoneType zone, Gfp gfp, int order, ZoneType highestZone) {
        kswapd.wakeup(zone, order, highestZone);
    }

    @Override
    public long directReclaim(int order, Gfp gfp) {
        return direct.tryToFreePages(order, gfp);
    }

    /**
     * zone_reclaimable_pages(): the zone's file LRU pages, plus its anonymous ones while free swap
     * remains.
     */
    @Override
    public long zoneReclaimablePages(ZoneType zone) {
        Lruvec lruvec = r.lruvec;
        long nr = lruvec.zoneSize(LruList.INACTIVE_FILE, zone) + lruvec.zoneSize(LruList.ACTIVE_FILE, zone);
        if (r.canReclaimAnonPages()) {
            nr += lruvec.zoneSize(LruList.INACTIVE_ANON, zone) + lruvec.zoneSize(LruList.ACTIVE_ANON, zone);
        }
        return nr;
    }

    /** kswapd_failures of the node (16 or more: hopeless, kswapd stays asleep). */
    public int kswapdFailures() {
        return r.pgdat.kswapdFailures;
    }

    /** The LRU lists' own consistency. */
    public void checkInvariants() {
        r.lruvec.checkInvariants();
    }

    /** For tests of the parts. */
    ScanBalance scanBalance() {
        return balance;
    }

    ShrinkLists shrinkLists() {
        return lists;
    }
}
