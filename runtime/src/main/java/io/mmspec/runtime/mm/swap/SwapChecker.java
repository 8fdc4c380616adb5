package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.LongLongMap;

/**
 * Recounts swap from scratch and compares: each slot's count with the swap PTEs that hold it,
 * SWAP_HAS_CACHE with the swap cache, the cluster counts and lists, inuse_pages, nr_swap_pages
 * and NR_SWAPCACHE; and that no data can be lost (a slot held only by PTEs was written).
 */
final class SwapChecker {
    private final Swap swap;
    private final MemMap memMap;
    private long cached;

    SwapChecker(Swap swap, MemMap memMap) {
        this.swap = swap;
        this.memMap = memMap;
    }

    void check(SwapPteWalker walker) {
        long total = 0;
        long free = 0;
        for (SwapInfo si : swap.devices()) {
            si.clusters.checkInvariants(si.toString());
            checkDevice(si);
            total += si.pages();
            free += si.pages() - si.inusePages;
        }
        SwapTotals totals = swap.totals();
        if (total != totals.totalSwapPages || free != totals.nrSwapPages) {
            fail("total_swap_pages " + totals.totalSwapPages + " nr_swap_pages " + totals.nrSwapPages
                    + " but the devices have " + total + " pages, " + free + " free");
        }
        if (cached != swap.cache().nrSwapCached()) {
            fail("NR_SWAPCACHE is " + swap.cache().nrSwapCached() + " but " + cached + " slots are cached");
        }
        swap.slots().checkInvariants(swap.devices());
        if (walker != null) {
            checkPtes(walker);
        }
    }

    private void checkDevice(SwapInfo si) {
        long[] inuse = {0};
        int[] perCluster = new int[si.clusters.nrClusters];
        si.map.forEachUsed((offset, value) -> {
            perCluster[si.clusterOf(offset)]++;
            if (value == SwapMap.SWAP_MAP_BAD) {
                return;
            }
            inuse[0]++;
            checkSlot(si, offset, value);
        });
        for (long offset = si.max; offset < (long) si.clusters.nrClusters * Clusters.SWAPFILE_CLUSTER; offset++) {
            perCluster[si.clusterOf(offset)]++; // the bad tail past si->max
        }
        for (int ci = 0; ci < perCluster.length; ci++) {
            if (perCluster[ci] != si.clusters.count[ci]) {
                fail(si + ": cluster " + ci + " counts " + si.clusters.count[ci] + " but " + perCluster[ci] + " slots are used");
            }
        }
        if (inuse[0] != si.inusePages) {
            fail(si + ": inuse_pages is " + si.inusePages + " but " + inuse[0] + " slots are in use");
        }
    }

    private void checkSlot(SwapInfo si, long offset, int value) {
        long pfn = si.cachePfn(offset);
        boolean hasCache = (value & SwapMap.SWAP_HAS_CACHE) != 0;
        if (hasCache != (pfn >= 0)) {
            fail(si + ": slot " + offset + " is 0x" + Integer.toHexString(value) + " but "
                    + (pfn >= 0 ? "pfn " + pfn + " caches it" : "no page caches it"));
        }
        if (pfn >= 0) {
            cached++;
            checkCachedPage(si, offset, pfn);
        } else if (si.stored(offset) == null) {
            fail(si + ": slot " + offset + " is held by swap PTEs but nothing was ever written to it");
        }
    }

    private void checkCachedPage(SwapInfo si, long offset, long pfn) {
        long entry = SwapEntry.of(si.type(), offset);
        if (memMap.isFree(pfn)) {
            fail("swap cache page " + pfn + " of " + SwapEntry.describe(entry) + " is free");
        }
        if (!memMap.testFlag(pfn, PageFlags.PG_swapcache) || !memMap.testFlag(pfn, PageFlags.PG_swapbacked)
                || memMap.pagePrivate(pfn) != entry) {
            fail("swap cache page " + pfn + " of " + SwapEntry.describe(entry) + " has flags "
                    + PageFlags.format(memMap.flags(pfn)) + " and private 0x" + Long.toHexString(memMap.pagePrivate(pfn)));
        }
        if (memMap.refcount(pfn) < 1 + memMap.mapcount(pfn)) {
            fail("swap cache page " + pfn + " has refcount " + memMap.refcount(pfn) + " for "
                    + memMap.mapcount(pfn) + " mappings and the cache");
        }
        if (si.stored(offset) == null && !memMap.testFlag(pfn, PageFlags.PG_dirty) && si.map.count(offset) > 0) {
            fail("swap cache page " + pfn + " is clean but its slot was never written");
        }
    }

    private void checkPtes(SwapPteWalker walker) {
        LongLongMap held = new LongLongMap();
        walker.forEachSwapPte(pte -> {
            long entry = SwapEntry.fromPte(pte);
            held.put(entry, held.get(entry, 0) + 1);
        });
        held.forEach((entry, count) -> {
            if (swap.swapCount(entry) != count) {
                fail(count + " swap PTEs hold " + SwapEntry.describe(entry) + " but its count is " + swap.swapCount(entry));
            }
        });
        for (SwapInfo si : swap.devices()) {
            si.map.forEachUsed((offset, value) -> {
                long count = si.map.count(offset);
                if (value != SwapMap.SWAP_MAP_BAD && count != held.get(SwapEntry.of(si.type(), offset), 0)) {
                    fail(si + ": slot " + offset + " counts " + count + " but "
                            + held.get(SwapEntry.of(si.type(), offset), 0) + " swap PTEs hold it");
                }
            });
        }
    }

    private static void fail(String message) {
        throw new IllegalStateException("swap invariant violated: " + message);
    }
}
