package io.mmspec.runtime.fs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request queue of each disk, reduced to what completion times depend on (block/blk-mq.c
 * with a deep hardware queue, as an SSD or NVMe drive has). Transfers are served one after
 * another in submission order, so a device moves at most its bandwidth; the latency of each
 * request overlaps with the transfers of the others, so many requests in flight do not each
 * wait a full latency:
 *
 * <pre>
 *   start = max(now, end of the previous transfer)
 *   end of transfer = start + bytes / bandwidth
 *   completion      = end of transfer + latency
 * </pre>
 *
 * A lone request on an idle device takes {@link BlockDevice#requestNs(long)}, latency plus
 * transfer. Not modelled: merging in the queue, reordering by an I/O scheduler, priority of
 * reads over writes and splitting of large requests. At most {@link #NR_REQUESTS} requests
 * are in flight per device. Shared by the page cache and swap, so a read waits
 * behind the writes already queued on its disk.
 */
public final class RequestQueue {
    /**
     * nr_requests: the tags of a device's queue (blk-mq gives a SATA SSD with queue depth 32
     * twice that). A submitter finding them all in flight sleeps in blk_mq_get_tag() until the
     * oldest request completes; this is what holds back a reclaimer that writes faster than
     * the disk.
     */
    public static final int NR_REQUESTS = 64;

    /** Per device: when its last queued transfer ends, and the completions still in flight. */
    private final Map<BlockDevice, Device> devices = new LinkedHashMap<>();

    private static final class Device {
        long transferEnd;
        final long[] inFlight = new long[NR_REQUESTS]; // completion times, oldest first (a ring)
        int head;
        int size;

        void retire(long now) {
            while (size > 0 && inFlight[head] <= now) {
                head = (head + 1) % NR_REQUESTS;
                size--;
            }
        }

        long admitAt(long now) {
            retire(now);
            return size < NR_REQUESTS ? now : inFlight[head];
        }

        void add(long done) {
            inFlight[(head + size) % NR_REQUESTS] = done;
            size++;
        }
    }

    /**
     * When a request submitted at {@code now} gets a tag: {@code now}, or the completion of the
     * oldest request if all {@link #NR_REQUESTS} are in flight.
     */
    public long admitAt(BlockDevice device, long now) {
        Device d = devices.get(device);
        return d == null ? now : d.admitAt(now);
    }

    /**
     * Submits a request of {@code bytes} at {@code now}; returns when it completes. A request
     * that has to wait for a tag ({@link #admitAt}) starts when it gets one.
     */
    public long submit(BlockDevice device, long bytes, long now) {
        Device d = devices.computeIfAbsent(device, k -> new Device());
        long admitted = d.admitAt(now);
        d.retire(admitted);
        long start = Math.max(admitted, d.transferEnd);
        d.transferEnd = start + device.requestNs(bytes) - device.latencyNs();
        long done = d.transferEnd + device.latencyNs();
        d.add(done);
        return done;
    }

    /** When the device will have served everything submitted so far. */
    public long idleAt(BlockDevice device) {
        Device d = devices.get(device);
        return d == null ? 0 : d.transferEnd + device.latencyNs();
    }
}
