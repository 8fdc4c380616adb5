package io.mmspec.runtime.mm.pagealloc;

/**
 * A machine-wide watermark triple in pages, as a scenario writes it
 * ("watermarks min 2500 low 5000 high 10000 pages"). The allocator splits each value across the
 * zones in proportion to their managed pages, the way __setup_per_zone_wmarks() splits
 * min_free_kbytes.
 */
public record WatermarkTriple(long min, long low, long high) {
    public WatermarkTriple {
        if (min < 0 || low < min || high < low) {
            throw new IllegalArgumentException(
                    "watermarks must satisfy 0 <= min <= low <= high: " + min + " " + low + " " + high);
        }
    }
}
