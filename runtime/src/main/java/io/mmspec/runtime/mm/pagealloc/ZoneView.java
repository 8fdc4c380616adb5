package io.mmspec.runtime.mm.pagealloc;

/**
 * A read-only window on one zone: what /proc/zoneinfo, /proc/buddyinfo, /proc/pagetypeinfo,
 * meminfo and vmscan read. Every number is the allocator's live state, never a copy.
 */
public final class ZoneView {
    private final Zone zone;

    ZoneView(Zone zone) {
        this.zone = zone;
    }

    public ZoneType type() {
        return zone.type;
    }

    /** zone_start_pfn. */
    public long startPfn() {
        return zone.startPfn;
    }

    public long spannedPages() {
        return zone.spannedPages;
    }

    public long presentPages() {
        return zone.presentPages;
    }

    public long managedPages() {
        return zone.managedPages;
    }

    /** populated_zone(). */
    public boolean isPopulated() {
        return zone.isPopulated();
    }

    /** NR_FREE_PAGES (nr_free_pages in zoneinfo): pages on the buddy lists, not on per-CPU lists. */
    public long nrFreePages() {
        return zone.nrFreePages;
    }

    /** min_wmark_pages(): includes the boost. */
    public long minWatermark() {
        return zone.wmarkPages(Zone.WMARK_MIN);
    }

    public long lowWatermark() {
        return zone.wmarkPages(Zone.WMARK_LOW);
    }

    public long highWatermark() {
        return zone.wmarkPages(Zone.WMARK_HIGH);
    }

    public long promoWatermark() {
        return zone.wmarkPages(Zone.WMARK_PROMO);
    }

    public long watermarkBoost() {
        return zone.watermarkBoost;
    }

    /** lowmem_reserve[highest]: pages this zone keeps back from requests that could go higher. */
    public long lowmemReserve(ZoneType highest) {
        return zone.lowmemReserve[highest.ordinal()];
    }

    /** free_area[order].nr_free: the /proc/buddyinfo column. */
    public long freeBlocks(int order) {
        return zone.freeArea.nrFree(order);
    }

    /** Free blocks of one order and migratetype: the /proc/pagetypeinfo column. */
    public long freeBlocks(int order, MigrateType type) {
        return zone.freeArea.blocks(order, type.ordinal());
    }

    /** The first block on a free list, or NO_PAGE: what the next allocation of it takes. */
    public long firstFreeBlock(int order, MigrateType type) {
        return zone.freeArea.first(order, type.ordinal());
    }

    /** Pages on every CPU's lists of this zone. */
    public long pcpPages() {
        return zone.pcpPages();
    }

    /** pcp->count of one CPU. */
    public int pcpCount(int cpu) {
        return zone.pcp[cpu].count;
    }

    /** pcp->high of one CPU (0 until its first use, then between high_min and high_max). */
    public int pcpHigh(int cpu) {
        return zone.pcp[cpu].high;
    }

    public int pcpBatch() {
        return zone.pagesetBatch;
    }

    public int pcpHighMin() {
        return zone.pagesetHighMin;
    }

    public int pcpHighMax() {
        return zone.pagesetHighMax;
    }

    /** ZONE_BELOW_HIGH: an allocation found the zone below its high watermark. */
    public boolean belowHigh() {
        return zone.belowHigh;
    }

    /** "Node 0, zone      DMA": the first line of the zone's /proc/zoneinfo entry. */
    public String zoneinfoHeader() {
        return ProcText.zoneinfoHeader(zone);
    }

    /** The zoneinfo text from "\n  pages free" through "protection: (...)", kernel format. */
    public String zoneinfoWatermarks() {
        return ProcText.zoneinfoWatermarks(zone);
    }

    /** The zoneinfo text from "\n  pagesets" through each CPU's "vm stats threshold" line. */
    public String zoneinfoPagesets() {
        return ProcText.zoneinfoPagesets(zone);
    }

    /** This zone's /proc/buddyinfo line. */
    public String buddyinfoLine() {
        return ProcText.buddyinfoLine(zone);
    }
}
