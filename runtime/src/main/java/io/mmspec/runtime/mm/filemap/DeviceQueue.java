package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.BlockDevice;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request queue of each disk, reduced to what completion times depend on: a device serves
 * one request at a time, in submission order, each taking latency plus size over bandwidth
 * ({@link BlockDevice#requestNs(long)}). No merging, no reordering, no priority of reads over
 * writes, no splitting of large requests.
 */
final class DeviceQueue {
    private final Map<BlockDevice, long[]> busyUntil = new LinkedHashMap<>();

    /** Submits a request of {@code bytes} at {@code now}; returns when it completes. */
    long submit(BlockDevice device, long bytes, long now) {
        long[] busy = busyUntil.computeIfAbsent(device, d -> new long[1]);
        long start = Math.max(now, busy[0]);
        busy[0] = start + device.requestNs(bytes);
        return busy[0];
    }

    /** When the device will have served everything submitted so far. */
    long idleAt(BlockDevice device) {
        long[] busy = busyUntil.get(device);
        return busy == null ? 0 : busy[0];
    }
}
