package io.mmspec.runtime.mm.pagealloc;

/**
 * The one node, pg_data_t (include/linux/mmzone.h): its zones and the parts of the allocator
 * that share them. Package-private wiring, so each mechanism class stays small.
 */
final class Node {
    final Zone[] zones;
    final MemMap memMap;
    final Buddy buddy;
    final Fallback fallback;
    final PcpLists pcpLists;
    final VmEvents events = new VmEvents();
    final int cpus;
    ReclaimHooks hooks = ReclaimHooks.NONE;

    Node(Zone[] zones, MemMap memMap, Buddy buddy, int cpus) {
        this.zones = zones;
        this.memMap = memMap;
        this.buddy = buddy;
        this.fallback = new Fallback(buddy);
        this.pcpLists = new PcpLists(buddy, fallback);
        this.cpus = cpus;
    }

    /** page_zone(). */
    Zone zoneOf(long pfn) {
        for (Zone zone : zones) {
            if (zone.spans(pfn)) {
                return zone;
            }
        }
        throw new IllegalArgumentException("pfn " + pfn + " is outside every zone");
    }

    /** first_zones_zonelist(): the highest populated zone at or below highestZoneidx, or -1. */
    int firstZoneIdx(int highestZoneidx) {
        for (int zi = highestZoneidx; zi >= 0; zi--) {
            if (zones[zi].isPopulated()) {
                return zi;
            }
        }
        return -1;
    }

    /** drain_all_pages(NULL): every CPU's lists of every zone back to the buddy lists. */
    void drainAllPages() {
        for (int cpu = 0; cpu < cpus; cpu++) {
            for (Zone zone : zones) {
                if (zone.isPopulated()) {
                    pcpLists.drainPagesZone(zone, zone.pcp[cpu]);
                }
            }
        }
    }

    void checkCpu(int cpu) {
        if (cpu < 0 || cpu >= cpus) {
            throw new IllegalArgumentException("cpu " + cpu + " does not exist (0.." + (cpus - 1) + ")");
        }
    }
}
