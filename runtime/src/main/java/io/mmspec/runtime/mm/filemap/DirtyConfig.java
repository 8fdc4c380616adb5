package io.mmspec.runtime.mm.filemap;

/**
 * The vm.dirty_* sysctls (mm/page-writeback.c), with the kernel's defaults in one place.
 * A non-zero {@code *Bytes} overrides its ratio, as writing dirty_bytes does.
 *
 * @param dirtyBackgroundRatio    vm.dirty_background_ratio, % of dirtyable memory (10)
 * @param dirtyBackgroundBytes    vm.dirty_background_bytes (0)
 * @param dirtyRatio              vm.dirty_ratio (20)
 * @param dirtyBytes              vm.dirty_bytes (0)
 * @param dirtyWritebackCentisecs vm.dirty_writeback_centisecs: the flusher's period (500); 0 stops it
 * @param dirtyExpireCentisecs    vm.dirty_expire_centisecs: age at which dirty data is written (3000)
 */
public record DirtyConfig(int dirtyBackgroundRatio, long dirtyBackgroundBytes, int dirtyRatio, long dirtyBytes,
                          int dirtyWritebackCentisecs, int dirtyExpireCentisecs) {

    public DirtyConfig {
        if (dirtyBackgroundRatio < 0 || dirtyBackgroundRatio > 100 || dirtyRatio < 0 || dirtyRatio > 100) {
            throw new IllegalArgumentException("dirty ratios are percentages 0..100");
        }
        if (dirtyBackgroundBytes < 0 || dirtyBytes < 0 || dirtyWritebackCentisecs < 0 || dirtyExpireCentisecs < 0) {
            throw new IllegalArgumentException("dirty bytes and intervals cannot be negative");
        }
    }

    /** The defaults of Linux 6.18 (kernel-facts.md section 0). */
    public static DirtyConfig defaults() {
        return new DirtyConfig(10, 0, 20, 0, 500, 3000);
    }

    /** dirty_writeback_interval in ns. */
    public long writebackIntervalNs() {
        return dirtyWritebackCentisecs * 10_000_000L;
    }

    /** dirty_expire_interval in ns. */
    public long expireIntervalNs() {
        return dirtyExpireCentisecs * 10_000_000L;
    }
}
