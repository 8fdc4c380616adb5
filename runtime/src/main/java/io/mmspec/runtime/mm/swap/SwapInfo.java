package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.fs.BlockDevice;

/**
 * One swap device, struct swap_info_struct (include/linux/swap.h) as swapon leaves it
 * (mm/swapfile.c: setup_swap_map(), setup_clusters()): slot 0 holds the header and is
 * SWAP_MAP_BAD, slots 1 .. max-1 are usable ({@link #pages()}), and the slots of the last
 * cluster past {@code max} count as bad, so that cluster is never free.
 *
 * <p>Besides the kernel's state it keeps, per slot and sparsely, what was written there (the
 * bytes of the page, or a zero marker for si->zeromap), and the swap cache's page for the slot
 * (the per-cluster swap table of 6.18). Every device is treated as non-rotational
 * (SWP_SOLIDSTATE: per-CPU clusters); discard is not modelled.
 */
public final class SwapInfo {
    /** The zeromap marker: the slot holds a page of zeros, nothing was written to the device. */
    static final byte[] ZERO = new byte[0];
    private static final int CLUSTER = Clusters.SWAPFILE_CLUSTER;

    private final int type;
    private final int prio;
    private final String name;
    private final BlockDevice bdev;
    /** si->max: slots including the header. */
    final long max;
    /** si->inuse_pages. */
    long inusePages;
    final Clusters clusters;
    final SwapMap map;
    private final long[][] cachePfn;
    private final byte[][][] data;

    SwapInfo(int type, String name, long maxPages, int prio, BlockDevice bdev) {
        if (maxPages < 2) {
            throw new IllegalArgumentException("swap area " + name + " needs at least 2 pages (header + 1)");
        }
        this.type = type;
        this.name = name;
        this.max = maxPages;
        this.prio = prio;
        this.bdev = bdev;
        int nrClusters = (int) ((maxPages + CLUSTER - 1) / CLUSTER);
        this.clusters = new Clusters(nrClusters);
        this.map = new SwapMap(nrClusters);
        this.cachePfn = new long[nrClusters][];
        this.data = new byte[nrClusters][][];
        setupClusters();
    }

    /** setup_swap_map() + setup_clusters(): bad slots counted, clusters onto free or nonfull. */
    private void setupClusters() {
        map.set(0, SwapMap.SWAP_MAP_BAD);
        clusters.count[0]++;
        long end = (long) clusters.nrClusters * CLUSTER;
        for (long offset = max; offset < end; offset++) {
            clusters.count[(int) (offset / CLUSTER)]++;
        }
        for (int ci = 0; ci < clusters.nrClusters; ci++) {
            clusters.move(ci, clusters.count[ci] > 0 ? Clusters.FLAG_NONFULL : Clusters.FLAG_FREE);
        }
    }

    /** The swap type: the device's index in swap_info[], and the type of its entries. */
    public int type() {
        return type;
    }

    public String name() {
        return name;
    }

    /** si->prio: higher is used first; swapon without -p gives -2, -3, ... */
    public int priority() {
        return prio;
    }

    public BlockDevice device() {
        return bdev;
    }

    /** si->pages: usable slots (the header excluded), what SwapTotal adds. */
    public long pages() {
        return max - 1;
    }

    /** si->inuse_pages: slots allocated (held by swap PTEs or the swap cache). */
    public long inusePages() {
        return inusePages;
    }

    /** swap_map[offset] with its SWAP_HAS_CACHE and COUNT_CONTINUED bits. */
    public int swapMap(long offset) {
        return map.get(offset);
    }

    /** The swap count of a slot: the swap PTEs that hold it. */
    public long swapCount(long offset) {
        return map.count(offset);
    }

    // ---- the swap cache's table: which page caches each slot ----------------------------------

    long cachePfn(long offset) {
        long[] table = cachePfn[(int) (offset / CLUSTER)];
        return table == null ? -1 : table[(int) (offset % CLUSTER)] - 1;
    }

    void setCachePfn(long offset, long pfn) {
        int ci = (int) (offset / CLUSTER);
        if (cachePfn[ci] == null) {
            cachePfn[ci] = new long[CLUSTER];
        }
        cachePfn[ci][(int) (offset % CLUSTER)] = pfn + 1;
    }

    // ---- what the device holds ----------------------------------------------------------------

    /**
     * The bytes written to a slot (a {@link io.mmspec.runtime.mm.pagealloc.MemMap#snapshot}),
     * {@link #ZERO} for a zero page, or null if never written.
     */
    byte[] stored(long offset) {
        byte[][] cluster = data[(int) (offset / CLUSTER)];
        return cluster == null ? null : cluster[(int) (offset % CLUSTER)];
    }

    void store(long offset, byte[] bytes) {
        int ci = (int) (offset / CLUSTER);
        if (data[ci] == null) {
            if (bytes == null) {
                return;
            }
            data[ci] = new byte[CLUSTER][];
        }
        data[ci][(int) (offset % CLUSTER)] = bytes;
    }

    boolean isUsableOffset(long offset) {
        return offset > 0 && offset < max;
    }

    int clusterOf(long offset) {
        return (int) (offset / CLUSTER);
    }

    long clusterOffset(int ci) {
        return (long) ci * CLUSTER;
    }

    @Override
    public String toString() {
        return "swap " + type + " (" + name + ")";
    }
}
