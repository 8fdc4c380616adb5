package io.mmspec.runtime.mm.pagealloc;

import java.util.Locale;

/**
 * The allocator's parts of /proc/buddyinfo and /proc/zoneinfo, in the kernel's formats
 * (mm/vmstat.c: frag_show_print(), zoneinfo_show_print(), calculate_normal_threshold()).
 */
final class ProcText {
    private ProcText() {
    }

    /** /proc/buddyinfo: one line per populated zone, free blocks per order. */
    static String buddyinfo(Zone[] zones) {
        StringBuilder out = new StringBuilder();
        for (Zone zone : zones) {
            if (zone.isPopulated()) {
                out.append(buddyinfoLine(zone));
            }
        }
        return out.toString();
    }

    static String buddyinfoLine(Zone zone) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Node %d, zone %8s ", 0,
                zone.type.kernelName()));
        for (int order = 0; order < PageAllocator.NR_PAGE_ORDERS; order++) {
            out.append(String.format(Locale.ROOT, "%6d ", zone.freeArea.nrFree(order)));
        }
        return out.append('\n').toString();
    }

    /** "Node 0, zone      DMA", the line that opens a zone's /proc/zoneinfo entry. */
    static String zoneinfoHeader(Zone zone) {
        return String.format(Locale.ROOT, "Node %d, zone %8s", 0, zone.type.kernelName());
    }

    /** From "\n  pages free" to the closing ")" of "protection: (...)". */
    static String zoneinfoWatermarks(Zone zone) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "\n  pages free     %d\n        boost    %d\n        min      %d\n        low      %d"
                        + "\n        high     %d\n        promo    %d\n        spanned  %d\n        present  %d"
                        + "\n        managed  %d\n        cma      %d",
                zone.nrFreePages, zone.watermarkBoost, zone.wmarkPages(Zone.WMARK_MIN), zone.wmarkPages(Zone.WMARK_LOW),
                zone.wmarkPages(Zone.WMARK_HIGH), zone.wmarkPages(Zone.WMARK_PROMO), zone.spannedPages,
                zone.presentPages, zone.managedPages, 0));
        out.append("\n        protection: (").append(zone.lowmemReserve[0]);
        for (int i = 1; i < zone.lowmemReserve.length; i++) {
            out.append(", ").append(zone.lowmemReserve[i]);
        }
        return out.append(')').toString();
    }

    /** From "\n  pagesets" to the last CPU's "vm stats threshold" line. */
    static String zoneinfoPagesets(Zone zone) {
        StringBuilder out = new StringBuilder("\n  pagesets");
        int threshold = normalThreshold(zone.managedPages, zone.pcp.length);
        for (int cpu = 0; cpu < zone.pcp.length; cpu++) {
            PerCpuPages pcp = zone.pcp[cpu];
            out.append(String.format(Locale.ROOT, "\n    cpu: %d\n              count:    %d\n              high:     %d"
                    + "\n              batch:    %d\n              high_min: %d\n              high_max: %d"
                    + "\n  vm stats threshold: %d",
                    cpu, pcp.count, pcp.high, pcp.batch, pcp.highMin, pcp.highMax, threshold));
        }
        return out.toString();
    }

    /** calculate_normal_threshold(): the per-CPU vmstat drift allowed before folding. */
    static int normalThreshold(long managed, int cpus) {
        long mem = managed >> (27 - MemMap.PAGE_SHIFT);
        int threshold = 2 * fls(cpus) * (1 + fls(mem));
        return Math.min(125, threshold);
    }

    private static int fls(long x) {
        return 64 - Long.numberOfLeadingZeros(x);
    }
}
