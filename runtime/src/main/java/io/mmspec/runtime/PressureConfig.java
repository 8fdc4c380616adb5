package io.mmspec.runtime;

import java.util.List;

/**
 * The settings of the memory-pressure mechanisms, with the kernel's defaults: swap areas
 * (swapon), vm.page-cluster, the block devices' read_ahead_kb, and the dirty-page tunables of
 * mm/page-writeback.c.
 *
 * @param swaps                 swap areas in the order they are enabled
 * @param readaheadBytes        the default readahead window of files' devices (128 KB)
 * @param pageCluster           vm.page-cluster: swap readahead of 2^N pages (3)
 * @param dirtyRatio            vm.dirty_ratio, percent of dirtyable memory (20)
 * @param dirtyBackgroundRatio  vm.dirty_background_ratio (10)
 * @param dirtyExpireNs         vm.dirty_expire_centisecs as a time (30 s)
 * @param dirtyWritebackNs      vm.dirty_writeback_centisecs as a time (5 s)
 */
public record PressureConfig(List<SwapArea> swaps, long readaheadBytes, int pageCluster, int dirtyRatio,
                             int dirtyBackgroundRatio, long dirtyExpireNs, long dirtyWritebackNs) {

    /** One swap area: its size, the disk it lives on, and its priority (null: -2, -3, ... as swapon). */
    public record SwapArea(long bytes, String disk, Integer priority) {
        public SwapArea {
            if (bytes < 4096 * 10) {
                throw new IllegalArgumentException("a swap area needs at least 10 pages");
            }
        }
    }

    public PressureConfig {
        swaps = List.copyOf(swaps);
        if (pageCluster < 0 || pageCluster > 31 || dirtyRatio < 0 || dirtyRatio > 100
                || dirtyBackgroundRatio < 0 || dirtyBackgroundRatio > 100 || readaheadBytes < 0) {
            throw new IllegalArgumentException("pressure settings out of range");
        }
    }

    public static PressureConfig defaults() {
        return new PressureConfig(List.of(), 128 << 10, 3, 20, 10, 30_000_000_000L, 5_000_000_000L);
    }

    /** Total swap in pages (total_swap_pages). */
    public long totalSwapPages() {
        return swaps.stream().mapToLong(s -> s.bytes() >>> 12).sum();
    }
}
