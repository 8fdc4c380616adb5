package io.mmspec.runtime.mm.swap;

import java.util.ArrayList;
import java.util.List;

/**
 * Handing out and taking back swap slots. Mirrors mm/swapfile.c of Linux 6.18 for order-0
 * folios: folio_alloc_swap() → swap_alloc_fast() (the CPU's current cluster) → swap_alloc_slow()
 * (the devices by priority, rotating equals) → cluster_alloc_swap_entry():
 *
 * <pre>
 *   1. nonfull_clusters (every one, until a slot is found)
 *   2. free_clusters (the first)
 *   3. vm_swap_full(): reclaim the swap cache of one full cluster
 *   4. frag_clusters (the first)
 * </pre>
 *
 * A slot is free when its swap_map byte is 0; one that only the swap cache holds
 * (SWAP_HAS_CACHE) is taken back first (__try_to_reclaim_swap) when swap is more than half
 * full. After each scan the cluster moves to the list its count calls for (relocate_cluster);
 * freeing a slot moves it to nonfull or free. Discard and the reclaim worker of a full device
 * (swap_reclaim_work) are not modelled.
 */
final class SwapSlots {
    /** What __try_to_reclaim_swap() needs from the swap cache. */
    interface CacheReclaimer {
        /** Drops the page caching an only-cached slot; true if the slot is now free. */
        boolean reclaimSlot(SwapInfo si, long offset);
    }

    private final SwapTotals totals;
    private final List<SwapInfo> avail = new ArrayList<>();
    private final SwapInfo[] pcpuSi;
    private final long[] pcpuOffset;
    private CacheReclaimer reclaimer = (si, offset) -> false;

    SwapSlots(SwapTotals totals, int cpus) {
        this.totals = totals;
        this.pcpuSi = new SwapInfo[cpus];
        this.pcpuOffset = new long[cpus];
    }

    void setReclaimer(CacheReclaimer reclaimer) {
        this.reclaimer = reclaimer;
    }

    /** add_to_avail_list() at swapon: behind every device of higher or equal priority. */
    void addToAvail(SwapInfo si) {
        int at = 0;
        while (at < avail.size() && avail.get(at).priority() >= si.priority()) {
            at++;
        }
        avail.add(at, si);
    }

    /** folio_alloc_swap() for one page: the offset of a slot now held by the swap cache, or 0. */
    long allocSlot(int cpu, SwapInfo[] found) {
        long offset = allocFast(cpu);
        if (offset != 0) {
            found[0] = pcpuSi[cpu];
            return offset;
        }
        List<SwapInfo> snapshot = new ArrayList<>(avail);
        for (SwapInfo si : snapshot) {
            requeue(si);
            offset = clusterAllocSwapEntry(si, cpu);
            if (offset != 0) {
                found[0] = si;
                return offset;
            }
        }
        return 0;
    }

    /** swap_alloc_fast(): the next slot of this CPU's current cluster, if it still has one. */
    private long allocFast(int cpu) {
        SwapInfo si = pcpuSi[cpu];
        long offset = pcpuOffset[cpu];
        if (si == null || offset == 0) {
            return 0;
        }
        int ci = si.clusterOf(offset);
        if (si.clusters.flags[ci] == Clusters.FLAG_FULL) {
            return 0; // !cluster_is_usable()
        }
        if (si.clusters.count[ci] == 0) {
            offset = si.clusterOffset(ci);
        }
        return scanCluster(si, ci, offset, cpu);
    }

    /** plist_requeue(): behind the other devices of the same priority. */
    private void requeue(SwapInfo si) {
        int from = avail.indexOf(si);
        if (from < 0) {
            return;
        }
        avail.remove(from);
        int at = from;
        while (at < avail.size() && avail.get(at).priority() == si.priority()) {
            at++;
        }
        avail.add(at, si);
    }

    private long clusterAllocSwapEntry(SwapInfo si, int cpu) {
        long found = scanList(si, Clusters.FLAG_NONFULL, true, cpu);
        if (found == 0) {
            found = scanList(si, Clusters.FLAG_FREE, false, cpu);
        }
        if (found == 0) {
            if (totals.vmSwapFull()) {
                reclaimFullClusters(si);
            }
            found = scanList(si, Clusters.FLAG_FRAG, false, cpu);
        }
        return found;
    }

    /** alloc_swap_scan_list(). */
    private long scanList(SwapInfo si, byte list, boolean scanAll, int cpu) {
        long found = 0;
        do {
            int ci = si.clusters.isolateFirst(list);
            if (ci < 0) {
                break;
            }
            found = scanCluster(si, ci, si.clusterOffset(ci), cpu);
        } while (found == 0 && scanAll);
        return found;
    }

    /** alloc_swap_scan_cluster() for order 0: the first usable slot from {@code offset} on. */
    private long scanCluster(SwapInfo si, int ci, long offset, int cpu) {
        long start = si.clusterOffset(ci);
        long last = Math.min(start + Clusters.SWAPFILE_CLUSTER, si.max) - 1;
        long found = 0;
        long next = 0;
        for (; si.clusters.count[ci] < Clusters.SWAPFILE_CLUSTER && offset <= last; offset++) {
            int slot = si.map.get(offset);
            if (slot == SwapMap.SWAP_HAS_CACHE && totals.vmSwapFull()) {
                reclaimer.reclaimSlot(si, offset); // cluster_reclaim_range() with TTRS_ANYWAY
                if (si.clusters.count[ci] == 0) {
                    offset = start; // the cluster emptied: start over from its first slot
                }
                slot = si.map.get(offset);
            }
            if (slot != 0) {
                continue;
            }
            allocRange(si, ci, offset);
            found = offset;
            if (si.clusters.count[ci] < Clusters.SWAPFILE_CLUSTER && offset + 1 <= last) {
                next = offset + 1;
            }
            break;
        }
        relocate(si, ci);
        pcpuSi[cpu] = si;
        pcpuOffset[cpu] = next;
        return found;
    }

    /** cluster_alloc_range() + swap_range_alloc(): the slot starts held by the swap cache alone. */
    private void allocRange(SwapInfo si, int ci, long offset) {
        si.map.set(offset, SwapMap.SWAP_HAS_CACHE);
        si.clusters.count[ci]++;
        si.inusePages++;
        totals.nrSwapPages--;
        if (si.inusePages == si.pages()) {
            avail.remove(si); // del_from_avail_list(): a full device is skipped
        }
    }

    /** swap_reclaim_full_clusters(si, false): the only-cached slots of one full cluster. */
    private void reclaimFullClusters(SwapInfo si) {
        int ci = si.clusters.isolateFirst(Clusters.FLAG_FULL);
        if (ci < 0) {
            return;
        }
        long start = si.clusterOffset(ci);
        long end = Math.min(si.max, start + Clusters.SWAPFILE_CLUSTER);
        for (long offset = start; offset < end; offset++) {
            if (si.map.get(offset) == SwapMap.SWAP_HAS_CACHE) {
                reclaimer.reclaimSlot(si, offset);
            }
        }
        if (si.clusters.flags[ci] == Clusters.FLAG_NONE) {
            relocate(si, ci);
        }
    }

    /** relocate_cluster(): after an allocation, to the free, frag or full list. */
    private static void relocate(SwapInfo si, int ci) {
        Clusters c = si.clusters;
        byte target = c.count[ci] == 0 ? Clusters.FLAG_FREE
                : c.count[ci] == Clusters.SWAPFILE_CLUSTER ? Clusters.FLAG_FULL : Clusters.FLAG_FRAG;
        if (c.flags[ci] != target) {
            c.move(ci, target);
        }
    }

    /**
     * swap_entries_free(): the slot's count and cache are both gone, so the slot is free again;
     * its cluster goes to the free list when empty, to nonfull otherwise.
     */
    void freeSlot(SwapInfo si, long offset) {
        if (si.map.get(offset) != 0 && si.map.get(offset) != SwapMap.SWAP_HAS_CACHE) {
            throw new IllegalStateException(si + ": freeing slot " + offset + " still held: 0x"
                    + Integer.toHexString(si.map.get(offset)));
        }
        int ci = si.clusterOf(offset);
        si.map.set(offset, 0);
        si.store(offset, null);
        si.clusters.count[ci]--;
        boolean wasFull = si.inusePages == si.pages();
        si.inusePages--;
        totals.nrSwapPages++;
        if (wasFull) {
            addToAvail(si);
        }
        Clusters c = si.clusters;
        byte target = c.count[ci] == 0 ? Clusters.FLAG_FREE : Clusters.FLAG_NONFULL;
        if (c.flags[ci] != target) {
            c.move(ci, target);
        }
    }

    /** The devices that can still give out a slot, in the order they are tried. */
    List<SwapInfo> availableDevices() {
        return java.util.Collections.unmodifiableList(avail);
    }

    /** A device is on the available list exactly when it has a free slot. */
    void checkInvariants(List<SwapInfo> devices) {
        for (SwapInfo si : devices) {
            boolean full = si.inusePages == si.pages();
            if (full == avail.contains(si)) {
                throw new IllegalStateException(si + " with " + si.inusePages + " of " + si.pages()
                        + " slots in use is " + (full ? "" : "not ") + "on the available list");
            }
        }
    }
}
