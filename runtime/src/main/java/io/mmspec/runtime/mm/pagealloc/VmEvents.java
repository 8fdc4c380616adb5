package io.mmspec.runtime.mm.pagealloc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The /proc/vmstat event counters the page allocator counts (mm/vmstat.c vmstat_text[] names,
 * in that order): pgalloc_&lt;zone&gt; per page allocated from the zone, allocstall_&lt;zone&gt;
 * per direct reclaim by the request's highest zone, pgfree per page freed by a caller, and
 * unevictable_pgs_cleared for mlocked pages freed.
 */
final class VmEvents {
    final long[] pgalloc = new long[ZoneType.MAX_NR_ZONES];
    final long[] allocstall = new long[ZoneType.MAX_NR_ZONES];
    long pgfree;
    long unevictablePgsCleared;

    Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (ZoneType zone : ZoneType.values()) {
            out.put("pgalloc_" + zone.vmstatSuffix(), pgalloc[zone.ordinal()]);
        }
        for (ZoneType zone : ZoneType.values()) {
            out.put("allocstall_" + zone.vmstatSuffix(), allocstall[zone.ordinal()]);
        }
        out.put("pgfree", pgfree);
        out.put("unevictable_pgs_cleared", unevictablePgsCleared);
        return out;
    }

    long counter(String name) {
        Long value = snapshot().get(name);
        if (value == null) {
            throw new IllegalArgumentException("the page allocator keeps no vmstat counter '" + name + "'");
        }
        return value;
    }
}
