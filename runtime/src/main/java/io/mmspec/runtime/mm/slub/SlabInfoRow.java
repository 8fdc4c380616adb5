package io.mmspec.runtime.mm.slub;

/**
 * One line of /proc/slabinfo. Mirrors struct slabinfo of mm/slab.h as get_slabinfo() fills it
 * for SLUB: the tunables and sharedavail are always 0, active_slabs equals num_slabs, and
 * active_objs counts every object not free on a node partial slab (free objects of CPU slabs
 * and CPU partial slabs count as active, as in the kernel).
 */
public record SlabInfoRow(String name, long activeObjs, long numObjs, int objSize, int objPerSlab,
                          int pagesPerSlab, int limit, int batchcount, int sharedFactor, long activeSlabs,
                          long numSlabs, long sharedAvail) {
    /** cache_show(): "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu". */
    public String formatted() {
        return String.format("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d",
                name, activeObjs, numObjs, objSize, objPerSlab, pagesPerSlab, limit, batchcount, sharedFactor,
                activeSlabs, numSlabs, sharedAvail);
    }

    /** print_slabinfo_header(). */
    public static String header() {
        return "slabinfo - version: 2.1\n"
                + "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
                + " : tunables <limit> <batchcount> <sharedfactor>"
                + " : slabdata <active_slabs> <num_slabs> <sharedavail>\n";
    }
}
