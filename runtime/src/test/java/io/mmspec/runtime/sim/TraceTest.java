package io.mmspec.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The trace keeps the kinds it is asked to keep and counts every kind, kept or not. */
class TraceTest {
    private final SimClock clock = new SimClock();

    @Test
    void keepOnlyRecordsTheNamedKindsAndCountsTheRest() {
        Trace trace = new Trace(clock, pid -> "p", 10);
        trace.keepOnly(EnumSet.of(EventKind.KSWAPD_WAKE));

        for (int i = 0; i < 100; i++) {
            trace.event(EventKind.SWAP_OUT, 0, 1).with("pfn", i).emit();
        }
        trace.event(EventKind.KSWAPD_WAKE, 0, 0).with("order", 0).emit();

        assertThat(trace.events()).extracting(TraceEvent::kind).containsExactly(EventKind.KSWAPD_WAKE);
        assertThat(trace.count(EventKind.SWAP_OUT)).isEqualTo(100);
        assertThat(trace.count(EventKind.KSWAPD_WAKE)).isEqualTo(1);
        assertThat(trace.dropped()).as("swap-outs were never candidates for the buffer").isZero();
        assertThat(trace.isRecording(EventKind.SWAP_OUT)).isFalse();
        assertThat(trace.isRecording(EventKind.KSWAPD_WAKE)).isTrue();
    }

    @Test
    void aFullBufferDropsButStillCounts() {
        Trace trace = new Trace(clock, pid -> "p", 3);
        for (int i = 0; i < 5; i++) {
            trace.event(EventKind.SWAP_OUT, 0, 1).emit();
        }
        assertThat(trace.events()).hasSize(3);
        assertThat(trace.dropped()).isEqualTo(2);
        assertThat(trace.count(EventKind.SWAP_OUT)).isEqualTo(5);
    }
}
