package io.mmspec.runtime.mm.pagealloc;

/**
 * The zones of the one node, in the kernel's order (include/linux/mmzone.h enum zone_type on
 * x86-64). {@link #kernelName()} is the name /proc/buddyinfo and /proc/zoneinfo print.
 *
 * <p>DMA covers the first 16 MiB, DMA32 the rest of the first 4 GiB, Normal everything above.
 * Movable exists but is always empty (no kernelcore= or movablecore=), as on the reference
 * machine; it still matters as the highest zone index of __GFP_MOVABLE|__GFP_HIGHMEM requests
 * (GFP_HIGHUSER_MOVABLE), which counts allocstall_movable. ZONE_DEVICE is not modelled.
 */
public enum ZoneType {
    DMA("DMA"),
    DMA32("DMA32"),
    NORMAL("Normal"),
    MOVABLE("Movable");

    /** MAX_NR_ZONES of this model. */
    public static final int MAX_NR_ZONES = 4;

    private final String kernelName;

    ZoneType(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The zone's name as the kernel prints it ("DMA", "DMA32", "Normal", "Movable"). */
    public String kernelName() {
        return kernelName;
    }

    /** The suffix of per-zone vmstat events: pgalloc_dma, allocstall_normal, ... */
    public String vmstatSuffix() {
        return kernelName.toLowerCase(java.util.Locale.ROOT);
    }
}
