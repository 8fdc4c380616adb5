package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.AllocFlags.*;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.NO_PAGE;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.PAGE_ALLOC_COSTLY_ORDER;

/**
 * One trip through __alloc_pages_slowpath() (mm/page_alloc.c, Linux 6.18), with
 * gfp_to_alloc_flags(), __gfp_pfmemalloc_flags(), wake_all_kswapds(),
 * __alloc_pages_direct_reclaim(), should_reclaim_retry() and __alloc_pages_may_oom().
 *
 * <pre>
 *   alloc_flags at MIN with the gfp's reserves; wake kswapd; try
 *   retry:  wake kswapd; PF_MEMALLOC / OOM victim reserves; try
 *           no __GFP_DIRECT_RECLAIM (GFP_ATOMIC, GFP_NOWAIT): fail
 *           direct reclaim (allocstall_*), try, drain the pcp lists, try
 *           __GFP_NORETRY, or a costly order without __GFP_RETRY_MAYFAIL: fail
 *           should_reclaim_retry (up to MAX_RECLAIM_RETRIES rounds without progress): retry
 *           one try at HIGH, then out_of_memory(); progress: retry
 *   nopage: __GFP_NOFAIL keeps retrying with ALLOC_MIN_RESERVE; else warn_alloc and fail
 * </pre>
 *
 * Compaction and the highatomic reserve are not modelled. The kernel loops for as long as the
 * OOM killer reports progress; a simulation cannot wait for a victim to exit, so after
 * {@link #MAX_ROUNDS} retries the allocation fails (a simulator guard, not a kernel limit).
 */
final class SlowPath {
    /** MAX_RECLAIM_RETRIES of mm/internal.h. */
    static final int MAX_RECLAIM_RETRIES = 16;
    /** Simulator guard against the kernel's unbounded OOM and __GFP_NOFAIL retry loops. */
    static final int MAX_ROUNDS = 256;

    private enum Step { GOT, RETRY, NOPAGE }

    private final Node node;
    private final AllocPath path;
    private final Gfp gfp;
    private final int order;
    private final int highest;
    private final int mt;
    private final int cpu;
    private final int task;
    private int allocFlags;
    private long page = NO_PAGE;
    private long progress;
    private int noProgressLoops;

    SlowPath(Node node, AllocPath path, Gfp gfp, int order, int highest, int mt, int cpu, int task) {
        this.node = node;
        this.path = path;
        this.gfp = gfp;
        this.order = order;
        this.highest = highest;
        this.mt = mt;
        this.cpu = cpu;
        this.task = task;
    }

    long run() {
        allocFlags = gfpToAllocFlags(gfp, order, task);
        if ((allocFlags & ALLOC_KSWAPD) != 0) {
            wakeAllKswapds();
        }
        if (tryAlloc(gfp, allocFlags)) {
            return page;
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Step step = retry();
            if (step == Step.GOT) {
                return page;
            }
            if (step == Step.NOPAGE && !(gfp.has(Gfp.__GFP_NOFAIL) && canDirectReclaim())) {
                break;
            }
            if (step == Step.NOPAGE && tryAlloc(gfp, ALLOC_MIN_RESERVE | ALLOC_CPUSET)) {
                return page;
            }
        }
        if (!gfp.has(Gfp.__GFP_NOWARN)) {
            node.hooks.warnAlloc(order, gfp);
        }
        return NO_PAGE;
    }

    /** The body after the retry: label. */
    private Step retry() {
        if ((allocFlags & ALLOC_KSWAPD) != 0) {
            wakeAllKswapds();
        }
        int reserveFlags = gfpPfmemallocFlags(gfp, task);
        if (reserveFlags != 0) {
            allocFlags = reserveFlags | (allocFlags & ALLOC_KSWAPD);
        }
        if (tryAlloc(gfp, allocFlags)) {
            return Step.GOT;
        }
        if (!canDirectReclaim() || (task & AllocContext.PF_MEMALLOC) != 0) {
            return Step.NOPAGE;
        }
        if (directReclaim()) {
            return Step.GOT;
        }
        boolean costly = order > PAGE_ALLOC_COSTLY_ORDER;
        boolean canCompact = gfp.has(Gfp.__GFP_IO);
        if (gfp.has(Gfp.__GFP_NORETRY) || costly && (!canCompact || !gfp.has(Gfp.__GFP_RETRY_MAYFAIL))) {
            return Step.NOPAGE;
        }
        if (shouldReclaimRetry()) {
            return Step.RETRY;
        }
        return afterOom();
    }

    private Step afterOom() {
        if (mayOom()) {
            return Step.GOT;
        }
        boolean victim = (task & AllocContext.OOM_VICTIM) != 0;
        if (victim && ((allocFlags & ALLOC_OOM) != 0 || gfp.has(Gfp.__GFP_NOMEMALLOC))) {
            return Step.NOPAGE;
        }
        if (progress > 0) {
            noProgressLoops = 0;
            return Step.RETRY;
        }
        return Step.NOPAGE;
    }

    /** __alloc_pages_direct_reclaim(). */
    private boolean directReclaim() {
        node.events.allocstall[highest]++;
        progress = node.hooks.directReclaim(order, gfp);
        if (progress == 0) {
            return false;
        }
        if (tryAlloc(gfp, allocFlags)) {
            return true;
        }
        node.drainAllPages();
        return tryAlloc(gfp, allocFlags);
    }

    /** should_reclaim_retry(): could the request succeed if everything reclaimable were freed? */
    private boolean shouldReclaimRetry() {
        if (progress > 0 && order <= PAGE_ALLOC_COSTLY_ORDER) {
            noProgressLoops = 0;
        } else {
            noProgressLoops++;
        }
        if (noProgressLoops > MAX_RECLAIM_RETRIES) {
            return false;
        }
        for (int zi = node.firstZoneIdx(highest); zi >= 0; zi--) {
            Zone zone = node.zones[zi];
            if (!zone.isPopulated()) {
                continue;
            }
            long available = node.hooks.zoneReclaimablePages(zone.type) + zone.nrFreePages;
            if (WatermarkCheck.zoneWatermarkOk(zone, order, zone.wmarkPages(Zone.WMARK_MIN), highest, allocFlags,
                    available)) {
                return true;
            }
        }
        return false;
    }

    /** __alloc_pages_may_oom(): one last try at HIGH, then the OOM killer if it may help. */
    private boolean mayOom() {
        progress = 0;
        if (tryAlloc(gfp.or(Gfp.__GFP_HARDWALL).andNot(Gfp.__GFP_DIRECT_RECLAIM), ALLOC_WMARK_HIGH | ALLOC_CPUSET)) {
            return true;
        }
        if (order > PAGE_ALLOC_COSTLY_ORDER || highest < ZoneType.NORMAL.ordinal()
                || (gfp.mask() & (Gfp.__GFP_RETRY_MAYFAIL.mask() | Gfp.__GFP_THISNODE.mask())) != 0) {
            return false;
        }
        boolean nofail = gfp.has(Gfp.__GFP_NOFAIL);
        if (node.hooks.outOfMemory(order, gfp) || nofail) {
            progress = 1;
            return nofail && tryAlloc(gfp, ALLOC_NO_WATERMARKS);
        }
        return false;
    }

    /** wake_all_kswapds(): kswapd of the node, through its first managed zone in the zonelist. */
    private void wakeAllKswapds() {
        for (int zi = node.firstZoneIdx(highest); zi >= 0; zi--) {
            Zone zone = node.zones[zi];
            if (zone.isManaged()) {
                node.hooks.wakeKswapd(zone.type, gfp, order, ZoneType.values()[highest]);
                return;
            }
        }
    }

    private boolean tryAlloc(Gfp mask, int flags) {
        page = path.getPageFromFreelist(mask, order, flags, highest, mt, cpu);
        return page != NO_PAGE;
    }

    private boolean canDirectReclaim() {
        return gfp.has(Gfp.__GFP_DIRECT_RECLAIM);
    }

    /** gfp_to_alloc_flags(): the slow path's watermark (MIN) and reserve rights. */
    static int gfpToAllocFlags(Gfp gfp, int order, int task) {
        int flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;
        flags |= gfp.mask() & (Gfp.__GFP_HIGH.mask() | Gfp.__GFP_KSWAPD_RECLAIM.mask());
        if (!gfp.has(Gfp.__GFP_DIRECT_RECLAIM)) {
            if (!gfp.has(Gfp.__GFP_NOMEMALLOC)) {
                flags |= ALLOC_NON_BLOCK;
                if (order > 0 && (flags & ALLOC_MIN_RESERVE) != 0) {
                    flags |= ALLOC_HIGHATOMIC;
                }
            }
            if ((flags & ALLOC_MIN_RESERVE) != 0) {
                flags &= ~ALLOC_CPUSET;
            }
        } else if ((task & AllocContext.RT_TASK) != 0 && (task & AllocContext.IN_INTERRUPT) == 0) {
            flags |= ALLOC_MIN_RESERVE;
        }
        return flags;
    }

    /** __gfp_pfmemalloc_flags(): reserves beyond the watermarks. */
    static int gfpPfmemallocFlags(Gfp gfp, int task) {
        if (gfp.has(Gfp.__GFP_NOMEMALLOC)) {
            return 0;
        }
        if (gfp.has(Gfp.__GFP_MEMALLOC)) {
            return ALLOC_NO_WATERMARKS;
        }
        boolean memalloc = (task & AllocContext.PF_MEMALLOC) != 0;
        if ((task & AllocContext.IN_INTERRUPT) != 0) {
            return memalloc ? ALLOC_NO_WATERMARKS : 0;
        }
        if (memalloc) {
            return ALLOC_NO_WATERMARKS;
        }
        return (task & AllocContext.OOM_VICTIM) != 0 ? ALLOC_OOM : 0;
    }
}
