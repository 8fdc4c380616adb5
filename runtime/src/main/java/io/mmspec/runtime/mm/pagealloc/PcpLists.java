package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.PageAllocator.HPAGE_PMD_ORDER;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.NO_PAGE;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.PAGE_ALLOC_COSTLY_ORDER;

/**
 * The per-CPU page caches in front of the buddy lists. Mirrors mm/page_alloc.c:
 * rmqueue_pcplist(), __rmqueue_pcplist(), rmqueue_bulk(), nr_pcp_alloc(),
 * free_frozen_page_commit() (6.18), nr_pcp_high(), nr_pcp_free(), free_pcppages_bulk(),
 * drain_pages_zone() and decay_pcp_high().
 *
 * <pre>
 * alloc: list empty? refill nr_pcp_alloc() pages from the buddy lists (list_add_tail, ascending
 *        pfn), then take the first; batch doubles (alloc_factor) while allocations continue
 * free:  list_add at the head; once count &gt;= high, return nr_pcp_free() pages to the buddy
 *        lists from the tails, round-robin over the lists
 * </pre>
 * Pages on these lists are neither PageBuddy nor in NR_FREE_PAGES. pcp->high auto-tunes between
 * high_min and high_max as in 6.18; PCPF_FREE_HIGH_BATCH stays clear (no CPU cache information).
 */
final class PcpLists {
    static final int NR_LOWORDER_PCP_LISTS = MigrateType.MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1);
    /** The low orders of each pcp type, plus two THP lists (MOVABLE and the rest). */
    static final int NR_PCP_LISTS = NR_LOWORDER_PCP_LISTS + 2;
    static final int PCP_BATCH_SCALE_MAX = 5;

    private final Buddy buddy;
    private final Fallback fallback;

    PcpLists(Buddy buddy, Fallback fallback) {
        this.buddy = buddy;
        this.fallback = fallback;
    }

    /** pcp_allowed_order(): orders 0..3, and the PMD order with THP built in. */
    static boolean pcpAllowedOrder(int order) {
        return order <= PAGE_ALLOC_COSTLY_ORDER || order == HPAGE_PMD_ORDER;
    }

    static int orderToPindex(int mt, int order) {
        if (order > PAGE_ALLOC_COSTLY_ORDER) {
            return NR_LOWORDER_PCP_LISTS + (mt == MigrateType.MOVABLE.ordinal() ? 1 : 0);
        }
        return MigrateType.MIGRATE_PCPTYPES * order + mt;
    }

    static int pindexToOrder(int pindex) {
        return pindex >= NR_LOWORDER_PCP_LISTS ? HPAGE_PMD_ORDER : pindex / MigrateType.MIGRATE_PCPTYPES;
    }

    /** rmqueue_pcplist() and __rmqueue_pcplist(): a page from this CPU's list, refilled if empty. */
    long rmqueuePcplist(Zone zone, PerCpuPages pcp, int order, int mt, int allocFlags) {
        pcp.freeCount >>= 1;
        LongDeque list = pcp.list(orderToPindex(mt, order));
        if (list.isEmpty()) {
            int batch = nrPcpAlloc(pcp, zone, order);
            int alloced = rmqueueBulk(zone, order, batch, list, mt, allocFlags);
            pcp.count += alloced << order;
            if (list.isEmpty()) {
                return NO_PAGE;
            }
        }
        pcp.count -= 1 << order;
        return list.pollFirst();
    }

    /** rmqueue_bulk(): count blocks from the buddy lists, in the order expand() hands them out. */
    private int rmqueueBulk(Zone zone, int order, int count, LongDeque list, int mt, int allocFlags) {
        fallback.beginRmqueue();
        int i = 0;
        for (; i < count; i++) {
            long page = fallback.rmqueue(zone, order, mt, allocFlags);
            if (page == NO_PAGE) {
                break;
            }
            list.addLast(page);
        }
        return i;
    }

    /** nr_pcp_alloc(): how many blocks to refill; grows pcp->high and alloc_factor. */
    static int nrPcpAlloc(PerCpuPages pcp, Zone zone, int order) {
        int baseBatch = pcp.batch;
        int high = pcp.high = clamp(pcp.high, pcp.highMin, pcp.highMax);
        if (high < baseBatch) {
            return 1;
        }
        int batch = order != 0 ? baseBatch : baseBatch << pcp.allocFactor;
        if (pcp.highMin != pcp.highMax && !zone.belowHigh) {
            high = pcp.high = Math.min(high + batch, pcp.highMax);
        }
        if (order == 0) {
            int maxNrAlloc = Math.max(high - pcp.count - baseBatch, baseBatch);
            if (batch <= maxNrAlloc && pcp.allocFactor < PCP_BATCH_SCALE_MAX) {
                pcp.allocFactor++;
            }
            batch = Math.min(batch, maxNrAlloc);
        }
        if (batch > 1) {
            batch = Math.max(batch >> order, 2);
        }
        return batch;
    }

    /** free_frozen_page_commit() of 6.18: onto the list, and back to the buddy lists above high. */
    void freeCommit(Zone zone, PerCpuPages pcp, long pfn, int mt, int order) {
        pcp.allocFactor >>= 1;
        int pindex = orderToPindex(mt, order);
        pcp.list(pindex).addFirst(pfn);
        pcp.count += 1 << order;
        int batch = pcp.batch;
        boolean freeHigh = false;
        if (order != 0 && order <= PAGE_ALLOC_COSTLY_ORDER) {
            freeHigh = pcp.freeCount >= batch + pcp.highMin / 2
                    && (pcp.flags & PerCpuPages.PCPF_PREV_FREE_HIGH_ORDER) != 0
                    && ((pcp.flags & PerCpuPages.PCPF_FREE_HIGH_BATCH) == 0 || pcp.count >= batch);
            pcp.flags |= PerCpuPages.PCPF_PREV_FREE_HIGH_ORDER;
        } else {
            pcp.flags &= ~PerCpuPages.PCPF_PREV_FREE_HIGH_ORDER;
        }
        if (pcp.freeCount < (batch << PCP_BATCH_SCALE_MAX)) {
            pcp.freeCount += 1 << order;
        }
        int high = nrPcpHigh(pcp, zone, batch, freeHigh);
        if (pcp.count >= high) {
            freePcppagesBulk(zone, nrPcpFree(pcp, batch, high, freeHigh), pcp, pindex);
            if (zone.belowHigh && WatermarkCheck.zoneWatermarkOk(zone, 0, zone.wmarkPages(Zone.WMARK_HIGH),
                    ZoneType.MOVABLE.ordinal(), 0)) {
                zone.belowHigh = false;
            }
        }
    }

    /** nr_pcp_high(): the count at which a free drains, tuning pcp->high on the way. */
    static int nrPcpHigh(PerCpuPages pcp, Zone zone, int batch, boolean freeHigh) {
        int highMin = pcp.highMin;
        int high = pcp.high = clamp(pcp.high, highMin, pcp.highMax);
        if (high == 0) {
            return 0;
        }
        if (freeHigh) {
            pcp.high = Math.max(high - (batch << PCP_BATCH_SCALE_MAX), highMin);
            return 0;
        }
        if (zone.reclaimActive) {
            int freeCount = Math.max(pcp.freeCount, batch);
            pcp.high = Math.max(high - freeCount, highMin);
            return Math.min(batch << 2, pcp.high);
        }
        if (highMin == pcp.highMax) {
            return high;
        }
        if (zone.belowHigh) {
            int freeCount = Math.max(pcp.freeCount, batch);
            pcp.high = Math.max(high - freeCount, highMin);
            high = Math.max(pcp.count, highMin);
        } else if (pcp.count >= high) {
            int needHigh = pcp.freeCount + batch;
            if (pcp.high < needHigh) {
                pcp.high = clamp(needHigh, highMin, pcp.highMax);
            }
        }
        return high;
    }

    /** nr_pcp_free(): how many pages a drain returns. */
    static int nrPcpFree(PerCpuPages pcp, int batch, int high, boolean freeHigh) {
        if (freeHigh) {
            return Math.min(pcp.count, batch << PCP_BATCH_SCALE_MAX);
        }
        if (high < batch) {
            return 1;
        }
        return clamp(pcp.freeCount, batch, high - batch);
    }

    /** free_pcppages_bulk(): count pages from the list tails, starting with pindex. */
    void freePcppagesBulk(Zone zone, int count, PerCpuPages pcp, int pindex) {
        count = Math.min(pcp.count, count);
        pindex = pindex - 1;
        while (count > 0) {
            do {
                if (++pindex > NR_PCP_LISTS - 1) {
                    pindex = 0;
                }
            } while (pcp.isEmpty(pindex));
            LongDeque list = pcp.list(pindex);
            int order = pindexToOrder(pindex);
            int pages = 1 << order;
            do {
                long pfn = list.pollLast();
                count -= pages;
                pcp.count -= pages;
                buddy.freeOnePage(zone, pfn, order, buddy.pageblockMt(pfn), false);
            } while (count > 0 && !list.isEmpty());
        }
    }

    /** drain_pages_zone(): everything back to the buddy lists. */
    void drainPagesZone(Zone zone, PerCpuPages pcp) {
        int count;
        do {
            count = pcp.count;
            if (count != 0) {
                int toDrain = Math.min(count, pcp.batch << PCP_BATCH_SCALE_MAX);
                freePcppagesBulk(zone, toDrain, pcp, 0);
                count -= toDrain;
            }
        } while (count != 0);
    }

    /** decay_pcp_high(): the once-a-second decay of pcp->high and drain down to it. */
    boolean decayPcpHigh(Zone zone, PerCpuPages pcp) {
        boolean todo = false;
        if (pcp.high > pcp.highMin) {
            pcp.high = Math.max(Math.max(pcp.count - (pcp.batch << PCP_BATCH_SCALE_MAX),
                    pcp.high - (pcp.high >> 3)), pcp.highMin);
            todo = pcp.high > pcp.highMin;
        }
        int toDrain = pcp.count - pcp.high;
        while (toDrain > 0) {
            int batched = Math.min(toDrain, pcp.batch);
            freePcppagesBulk(zone, batched, pcp, 0);
            todo = true;
            toDrain -= batched;
        }
        return todo;
    }

    /** The kernel's clamp(): min(max(value, lo), hi). */
    static int clamp(int value, int lo, int hi) {
        return Math.min(Math.max(value, lo), hi);
    }
}
