package io.mmspec.runtime.mm.pagealloc;

import java.util.Map;

/**
 * The physical page allocator of one node: zones, the buddy free lists, watermarks, per-CPU
 * page lists and struct page metadata. Mirrors mm/page_alloc.c (alloc_pages(), __free_pages(),
 * folio_put(), drain_all_pages()), with the page array of mm/sparse.c ({@link #memMap()}).
 *
 * <pre>
 *   PageAllocator a = new PageAllocator(PageAllocConfig.of(16L &lt;&lt; 30, 4));
 *   long pfn = a.allocPages(0, Gfp.GFP_KERNEL, 0);      // NO_PAGE if it fails
 *   a.memMap().writeByte(pfn, 0, (byte) 'A');
 *   a.freePages(pfn, 0, 0);
 * </pre>
 *
 * Failure is a return value ({@link #NO_PAGE}), never an exception; exceptions mean a caller
 * bug (freeing a page twice, freeing a mapped page, a bad order or CPU).
 */
public final class PageAllocator {
    /** The failed allocation (the kernel's NULL page). */
    public static final long NO_PAGE = -1;
    public static final int MAX_PAGE_ORDER = 10;
    public static final int NR_PAGE_ORDERS = MAX_PAGE_ORDER + 1;
    public static final int PAGEBLOCK_ORDER = 9;
    public static final int PAGEBLOCK_NR_PAGES = 1 << PAGEBLOCK_ORDER;
    public static final int PAGE_ALLOC_COSTLY_ORDER = 3;
    public static final int HPAGE_PMD_ORDER = 9;

    private final Node node;
    private final PristineBlocks pristine = new PristineBlocks();
    private final AllocPath allocPath;
    private final FreePath freePath;
    private final Watermarks.Setup setup;
    private final ZoneView[] views = new ZoneView[ZoneType.MAX_NR_ZONES];

    private Runnable pcpDecayTimer;
    private boolean pcpDecayArmed;

    public PageAllocator(PageAllocConfig config) {
        this(config, ReclaimHooks.NONE);
    }

    public PageAllocator(PageAllocConfig config, ReclaimHooks hooks) {
        long totalPages = config.totalPages();
        MemMap map = new MemMap(totalPages, pristine);
        Zone[] zones = Boot.buildZones(totalPages, config.cpus(), pristine);
        long[] managed = new long[zones.length];
        long totalManaged = 0;
        for (Zone zone : zones) {
            managed[zone.idx] = zone.managedPages;
            totalManaged += zone.managedPages;
            views[zone.idx] = new ZoneView(zone);
        }
        boolean mobilityDisabled = totalManaged < (long) PAGEBLOCK_NR_PAGES * Boot.MIGRATE_TYPES;
        node = new Node(zones, map, new Buddy(map, mobilityDisabled), config.cpus());
        Boot.reserveFirstPage(map);
        Boot.freeAllMemory(zones, node.buddy);
        setup = Watermarks.compute(managed, config);
        Boot.applyWatermarks(zones, setup);
        Boot.setupPagesets(zones, config.cpus());
        allocPath = new AllocPath(node);
        freePath = new FreePath(node);
        setReclaimHooks(hooks);
    }

    /** Plugs in vmscan and the OOM killer (the default does nothing). */
    public void setReclaimHooks(ReclaimHooks hooks) {
        node.hooks = java.util.Objects.requireNonNull(hooks, "hooks");
    }

    /** alloc_pages(gfp, order) on a CPU by an ordinary task; the first pfn, or NO_PAGE. */
    public long allocPages(int order, Gfp gfp, int cpu) {
        return allocPages(order, gfp, cpu, AllocContext.NONE);
    }

    /** alloc_pages() with the allocating context's {@link AllocContext} bits. */
    public long allocPages(int order, Gfp gfp, int cpu, int allocContext) {
        long pfn = allocPath.allocPages(order, gfp, cpu, allocContext);
        armPcpDecayIfNeeded();
        return pfn;
    }

    /**
     * __free_pages(): drops the caller's reference on an order-sized allocation and frees it when
     * that was the last; returns whether the block was freed. A non-compound block whose first
     * page is still referenced elsewhere has its other parts freed, as in the kernel.
     */
    public boolean freePages(long pfn, int order, int cpu) {
        boolean freed = freePath.freePages(pfn, order, cpu);
        armPcpDecayIfNeeded();
        return freed;
    }

    /** folio_put(): drops a reference to the page's folio; frees the whole folio at zero. */
    public boolean putPage(long pfn, int cpu) {
        return freePath.putPage(pfn, cpu);
    }

    /** split_page(): a non-compound order-n allocation becomes 2^n pages, each freed alone. */
    public void splitPage(long pfn, int order) {
        freePath.splitPage(pfn, order);
    }

    /** drain_all_pages(NULL): every per-CPU list back to the buddy lists. */
    public void drainAllPages() {
        node.drainAllPages();
    }

    /**
     * decay_pcp_high() for every CPU and zone, as refresh_cpu_vm_stats() runs it once per
     * vm.stat_interval (1 s). Returns whether some list still has work for the next round.
     */
    public boolean decayPcpHigh() {
        boolean todo = false;
        for (Zone zone : node.zones) {
            if (zone.isPopulated()) {
                for (PerCpuPages pcp : zone.pcp) {
                    todo |= node.pcpLists.decayPcpHigh(zone, pcp);
                }
            }
        }
        return todo;
    }

    /**
     * Gives the allocator a timer for vmstat_update(): {@code armIn1s} must call
     * {@link #vmstatUpdate()} once, vm.stat_interval from now. The allocator arms it whenever
     * a per-CPU list's high has grown above high_min (or holds more than high), and
     * vmstat_update() re-arms it while decay_pcp_high() reports work left, as the kernel's
     * vmstat_update requeues itself; an idle allocator leaves no timer behind.
     */
    public void setPcpDecayTimer(Runnable armIn1s) {
        this.pcpDecayTimer = armIn1s;
        armPcpDecayIfNeeded();
    }

    /**
     * vmstat_update(): the once-a-second pcp->high decay, re-armed while work is left. A round
     * that changed nothing would change nothing again (high - high/8 stalls below 8 pages), so
     * the timer stops there rather than tick forever; the next allocation re-arms it.
     */
    public void vmstatUpdate() {
        pcpDecayArmed = false;
        long before = pcpState();
        if (decayPcpHigh() && pcpState() != before) {
            pcpDecayArmed = true;
            pcpDecayTimer.run();
        }
    }

    private void armPcpDecayIfNeeded() {
        if (pcpDecayArmed || pcpDecayTimer == null || !pcpHasDecayWork()) {
            return;
        }
        pcpDecayArmed = true;
        pcpDecayTimer.run();
    }

    /** A fingerprint of every list's high and count, to see whether a decay round did anything. */
    private long pcpState() {
        long state = 0;
        for (Zone zone : node.zones) {
            if (zone.isPopulated()) {
                for (PerCpuPages pcp : zone.pcp) {
                    state = state * 31 + pcp.high;
                    state = state * 31 + pcp.count;
                }
            }
        }
        return state;
    }

    private boolean pcpHasDecayWork() {
        for (Zone zone : node.zones) {
            if (zone.isPopulated()) {
                for (PerCpuPages pcp : zone.pcp) {
                    if (pcp.high > pcp.highMin || pcp.count > pcp.high) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** ZONE_RECLAIM_ACTIVE, set by kswapd while it balances: per-CPU lists shrink to 4 batches. */
    public void setZoneReclaimActive(ZoneType zone, boolean active) {
        node.zones[zone.ordinal()].reclaimActive = active;
    }

    /** zone->watermark_boost = 0, as balance_pgdat() does once kswapd has reclaimed the boost. */
    public void clearWatermarkBoost(ZoneType zone) {
        node.zones[zone.ordinal()].watermarkBoost = 0;
    }

    /** The struct page array. */
    public MemMap memMap() {
        return node.memMap;
    }

    public ZoneView zone(ZoneType type) {
        return views[type.ordinal()];
    }

    /** page_zone(). */
    public ZoneType zoneOf(long pfn) {
        return node.zoneOf(pfn).type;
    }

    public int cpus() {
        return node.cpus;
    }

    /** totalram_pages(): managed pages of all zones (MemTotal). */
    public long totalramPages() {
        long total = 0;
        for (Zone zone : node.zones) {
            total += zone.managedPages;
        }
        return total;
    }

    /** NR_FREE_PAGES of the node (MemFree): buddy pages only, per-CPU list pages excluded. */
    public long nrFreePages() {
        long free = 0;
        for (Zone zone : node.zones) {
            free += zone.nrFreePages;
        }
        return free;
    }

    /** Pages sitting on per-CPU lists, all zones and CPUs. */
    public long pcpPages() {
        long pages = 0;
        for (Zone zone : node.zones) {
            pages += zone.pcpPages();
        }
        return pages;
    }

    /** vm.min_free_kbytes as boot left it (the kernel's, THP's or the user's value). */
    public int minFreeKbytes() {
        return setup.minFreeKbytes();
    }

    /** totalreserve_pages: what MemAvailable keeps back. */
    public long totalreservePages() {
        return setup.totalreservePages();
    }

    /** Whether grouping pages by mobility is off (a machine under 6 pageblocks of memory). */
    public boolean mobilityGroupingDisabled() {
        return node.buddy.mobilityDisabled();
    }

    /** A /proc/vmstat event this allocator counts, by its kernel name (pgalloc_normal, pgfree, ...). */
    public long counter(String vmstatName) {
        return node.events.counter(vmstatName);
    }

    /** Every vmstat event this allocator counts, in /proc/vmstat order. */
    public Map<String, Long> vmEvents() {
        return node.events.snapshot();
    }

    /** /proc/buddyinfo. */
    public String buddyinfo() {
        return ProcText.buddyinfo(node.zones);
    }

    /**
     * The warn_alloc() line: "%s: page allocation failure: order:%u, mode:%#x(%pGg),
     * nodemask=(null),cpuset=/,mems_allowed=0".
     */
    public static String allocationFailureMessage(String comm, int order, Gfp gfp) {
        return comm + ": page allocation failure: order:" + order + ", mode:" + gfp.describe()
                + ", nodemask=(null),cpuset=/,mems_allowed=0";
    }

    /** get_order(): the smallest order whose block holds size bytes (3 pages -&gt; order 2). */
    public static int getOrder(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("get_order of " + size + " bytes");
        }
        long pages = (size - 1) >>> MemMap.PAGE_SHIFT;
        return 64 - Long.numberOfLeadingZeros(pages);
    }

    Node node() {
        return node;
    }

    /** Recounts everything; throws IllegalStateException on the first inconsistency. */
    public void checkInvariants() {
        new InvariantChecker(node, pristine).check();
    }
}
