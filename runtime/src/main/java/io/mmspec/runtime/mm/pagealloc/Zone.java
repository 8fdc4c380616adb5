package io.mmspec.runtime.mm.pagealloc;

/**
 * One struct zone (include/linux/mmzone.h): its span, managed pages, watermarks, lowmem
 * reserves, free lists, NR_FREE_PAGES, the per-CPU page sets and the zone flags the allocator
 * reads. Package-private state; the public face is {@link ZoneView}.
 */
final class Zone {
    static final int WMARK_MIN = 0;
    static final int WMARK_LOW = 1;
    static final int WMARK_HIGH = 2;
    static final int WMARK_PROMO = 3;
    static final int NR_WMARK = 4;

    final ZoneType type;
    final int idx;
    final long startPfn;
    final long spannedPages;
    final long presentPages;
    final long managedPages;
    final FreeArea freeArea;

    /** _watermark[]; the effective value adds watermarkBoost (wmark_pages()). */
    final long[] watermark = new long[NR_WMARK];
    long watermarkBoost;
    final long[] lowmemReserve = new long[ZoneType.MAX_NR_ZONES];

    /** NR_FREE_PAGES: pages on the buddy free lists (per-CPU list pages are not counted). */
    long nrFreePages;
    /** Pages handed out by allocPages and not yet freed; only for the invariant check. */
    long nrAllocated;

    /** ZONE_BELOW_HIGH, ZONE_BOOSTED_WATERMARK, ZONE_RECLAIM_ACTIVE. */
    boolean belowHigh;
    boolean boostedWatermark;
    boolean reclaimActive;

    final PerCpuPages[] pcp;
    int pagesetHighMin;
    int pagesetHighMax;
    int pagesetBatch = 1;

    Zone(ZoneType type, long startPfn, long spannedPages, long managedPages, int cpus, PristineBlocks pristine) {
        this.type = type;
        this.idx = type.ordinal();
        this.startPfn = startPfn;
        this.spannedPages = spannedPages;
        this.presentPages = spannedPages;
        this.managedPages = managedPages;
        this.freeArea = new FreeArea(pristine, idx);
        this.pcp = new PerCpuPages[cpus];
        for (int cpu = 0; cpu < cpus; cpu++) {
            pcp[cpu] = new PerCpuPages();
        }
    }

    long endPfn() {
        return startPfn + spannedPages;
    }

    /** zone_spans_pfn(). */
    boolean spans(long pfn) {
        return pfn >= startPfn && pfn < endPfn();
    }

    /** populated_zone(): present_pages != 0. */
    boolean isPopulated() {
        return presentPages != 0;
    }

    /** managed_zone(). */
    boolean isManaged() {
        return managedPages != 0;
    }

    /** wmark_pages(): the watermark plus the boost. */
    long wmarkPages(int which) {
        return watermark[which] + watermarkBoost;
    }

    long pcpPages() {
        long pages = 0;
        for (PerCpuPages p : pcp) {
            pages += p.count;
        }
        return pages;
    }
}
