package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Recounts SLUB's state from the slabs up, like validate_slab_cache() and the
 * "partial slabs counted but counter=" check of validate_slab_node(), plus the simulator's own
 * bookkeeping: every slab is exactly one of CPU slab, CPU partial, node partial or full; its
 * inuse matches its freelists; slab bytes match SReclaimable and SUnreclaim.
 */
final class SlubInvariants {
    private final SlabAllocator allocator;
    private final MemMap map;

    SlubInvariants(SlabAllocator allocator) {
        this.allocator = allocator;
        this.map = allocator.memMap();
    }

    void check() {
        long reclaimable = 0;
        long unreclaimable = 0;
        Map<KmemCache, long[]> counted = new IdentityHashMap<>();
        for (Slab slab : allocator.pages.slabs().slabs()) {
            checkSlab(slab);
            if (slab.cache.has(SlabFlag.SLAB_RECLAIM_ACCOUNT)) {
                reclaimable += slab.bytes();
            } else {
                unreclaimable += slab.bytes();
            }
            if (slab.counted) {
                long[] c = counted.computeIfAbsent(slab.cache, k -> new long[2]);
                c[0]++;
                c[1] += slab.objects;
            }
        }
        expect(reclaimable == allocator.pages.reclaimableBytes, "SReclaimable " + allocator.pages.reclaimableBytes
                + " but reclaimable slabs hold " + reclaimable);
        expect(unreclaimable == allocator.pages.unreclaimableBytes, "SUnreclaim slab bytes "
                + allocator.pages.unreclaimableBytes + " but slabs hold " + unreclaimable);
        for (KmemCache s : allocator.caches()) {
            long[] c = counted.getOrDefault(s, new long[2]);
            expect(c[0] == s.node.nrSlabs && c[1] == s.node.totalObjects, s.name + ": nr_slabs " + s.node.nrSlabs
                    + " total_objects " + s.node.totalObjects + " but counted " + c[0] + " slabs, " + c[1] + " objects");
            checkLists(s);
        }
    }

    private void checkLists(KmemCache s) {
        int[] partial = {0};
        s.node.partial.forEach(slab -> {
            partial[0]++;
            expect(slab.cache == s && slab.onNodePartial && slab.frozenBy == Slab.NONE
                    && slab.cpuPartialOf == Slab.NONE, s.name + ": slab " + slab.pfn + " on the node partial list is also elsewhere");
            expect(slab.inuse < slab.objects, s.name + ": full slab " + slab.pfn + " on the node partial list");
            expect(map.testFlag(slab.pfn, PageFlags.PG_workingset), s.name + ": partial slab without SL_partial");
        });
        expect(partial[0] == s.node.partial.size(), s.name + ": partial slabs counted " + partial[0]
                + " but counter=" + s.node.partial.size());
        for (int cpu = 0; cpu < s.cpuSlabs.length; cpu++) {
            KmemCache.CpuSlab c = s.cpuSlabs[cpu];
            int owner = cpu;
            expect(c.slab == null || c.slab.frozenBy == cpu && c.slab.cache == s, s.name + ": CPU " + cpu
                    + "'s slab is not frozen by it");
            expect(c.slab != null || c.freelist == Slab.NONE, s.name + ": CPU " + cpu + " has a freelist but no slab");
            c.partial.forEach(slab -> expect(slab.cpuPartialOf == owner && slab.frozenBy == Slab.NONE
                    && !slab.onNodePartial, s.name + ": slab " + slab.pfn + " on CPU " + owner + "'s partial list is also elsewhere"));
            expect(s.cpuPartialSlabs > 0 || c.partial.size() == 0, s.name + ": a debug cache has CPU partial slabs");
        }
    }

    private void checkSlab(Slab slab) {
        KmemCache s = slab.cache;
        String id = s.name + " slab pfn " + slab.pfn;
        expect(map.pageType(slab.pfn) == PageFlags.PGTY_slab, id + " is not marked PGTY_slab");
        expect(slab.order == 0 || map.isHead(slab.pfn) && map.folioOrder(slab.pfn) == slab.order,
                id + " is not a compound page of order " + slab.order);
        if (slab.disabled) {
            return;
        }
        boolean[] free = new boolean[slab.objects];
        int slabFree = mark(slab, slab.freelist, free, id);
        int cpuFree = 0;
        if (slab.frozenBy != Slab.NONE) {
            KmemCache.CpuSlab c = s.cpuSlabs[slab.frozenBy];
            expect(c.slab == slab, id + " is frozen by CPU " + slab.frozenBy + " which does not hold it");
            cpuFree = mark(slab, c.freelist, free, id);
        }
        int allocated = 0;
        for (int i = 0; i < slab.objects; i++) {
            expect(!(free[i] && slab.allocated[i]), id + ": object " + i + " is allocated and on a freelist");
            allocated += slab.allocated[i] ? 1 : 0;
        }
        expect(slab.inuse == slab.objects - slabFree, id + ": inuse " + slab.inuse + " but " + slabFree
                + " of " + slab.objects + " objects on its freelist");
        expect(allocated == slab.inuse - cpuFree, id + ": " + allocated + " objects held but inuse " + slab.inuse
                + " with " + cpuFree + " on the CPU freelist");
        boolean listed = slab.frozenBy != Slab.NONE || slab.cpuPartialOf != Slab.NONE || slab.onNodePartial;
        expect(listed || slab.inuse == slab.objects, id + " has free objects but is on no list");
        expect(slab.counted, id + " is not counted in the node");
    }

    private static int mark(Slab slab, int head, boolean[] free, String id) {
        int n = 0;
        for (int i = head; i != Slab.NONE; i = slab.next[i]) {
            expect(!free[i] && n < slab.objects, id + ": freelist cycle at object " + i);
            free[i] = true;
            n++;
        }
        return n;
    }

    private static void expect(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("SLUB invariant: " + message);
        }
    }
}
