package io.mmspec.runtime.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A disk's queue: transfers back to back at the device's bandwidth, each request completing one
 * latency after its transfer, and at most NR_REQUESTS in flight.
 */
class RequestQueueTest {
    /** 10 ms latency, 1 GB/s: 4 KB transfers in 3814 ns, 128 KB in 122070 ns. */
    private static final BlockDevice DISK = new BlockDevice("ssd", 10_000_000L, 1L << 30, 32);
    private final RequestQueue queue = new RequestQueue();

    @Test
    void aLoneRequestTakesLatencyPlusTransfer() {
        assertThat(queue.submit(DISK, 4096, 1_000)).isEqualTo(1_000 + DISK.requestNs(4096));
        assertThat(queue.idleAt(DISK)).isEqualTo(1_000 + DISK.requestNs(4096));
    }

    @Test
    void requestsInFlightOverlapTheirLatencies() {
        long first = queue.submit(DISK, 128 * 1024, 0);
        long second = queue.submit(DISK, 128 * 1024, 0);
        assertThat(first).isEqualTo(122_070 + 10_000_000L);
        assertThat(second).as("waits for the first transfer only").isEqualTo(2 * 122_070 + 10_000_000L);
    }

    @Test
    void aRequestSubmittedAfterTheDiskWentIdleStartsAtOnce() {
        queue.submit(DISK, 4096, 0);
        assertThat(queue.submit(DISK, 4096, 50_000_000L)).isEqualTo(50_000_000L + DISK.requestNs(4096));
    }

    @Test
    void allTagsInUseMakeTheNextRequestWaitForTheOldest() {
        long oldest = queue.submit(DISK, 4096, 0);
        assertThat(oldest).isEqualTo(3_814 + 10_000_000L);
        for (int i = 1; i < RequestQueue.NR_REQUESTS; i++) {
            assertThat(queue.admitAt(DISK, 0)).isZero();
            queue.submit(DISK, 4096, 0);
        }
        assertThat(queue.admitAt(DISK, 0)).isEqualTo(oldest);
        long done = queue.submit(DISK, 4096, 0);
        // admitted when the oldest completes; the disk is idle by then, so a full request time
        assertThat(done).isEqualTo(oldest + DISK.requestNs(4096));
        // the oldest's tag went to that request: the queue is full again until the second
        // request completes (its transfer ended 2 x 3814 ns in, plus the latency)
        assertThat(queue.admitAt(DISK, oldest)).isEqualTo(2 * 3_814 + 10_000_000L);
    }
}
