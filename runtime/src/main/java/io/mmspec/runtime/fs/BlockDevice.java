package io.mmspec.runtime.fs;

/**
 * A block device with a fixed latency and bandwidth (the part of block/ that a request's
 * completion time depends on).
 *
 * @param name            the disk's name in the scenario ("ssd")
 * @param latencyNs       time to first byte of a request
 * @param bytesPerSecond  transfer rate
 * @param raPages         the device's readahead size in pages (bdi->ra_pages; 32 = 128 KB)
 */
public record BlockDevice(String name, long latencyNs, long bytesPerSecond, int raPages) {

    /** The disk every machine has, whether a scenario declares it or not. */
    public static final String DEFAULT_NAME = "disk";

    /** The defaults of DESIGN.md: latency 100 us, bandwidth 1 GB/s, readahead 128 KB. */
    public static BlockDevice withDefaults(String name) {
        return new BlockDevice(name, 100_000L, 1L << 30, 32);
    }

    public BlockDevice {
        if (latencyNs < 0 || bytesPerSecond <= 0 || raPages < 0) {
            throw new IllegalArgumentException("bad device parameters for " + name);
        }
    }

    /** Time one request of {@code bytes} takes: latency plus transfer. */
    public long requestNs(long bytes) {
        return latencyNs + (long) ((double) bytes * 1e9 / bytesPerSecond);
    }
}
