package io.mmspec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.mm.pagealloc.ZoneView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * vmstat_update() on the machine's clock: once a second decay_pcp_high() lowers a per-CPU
 * list's high by an eighth (never below high_min) and drains the list down to it, and the
 * timer stops once nothing is left to decay, so an idle machine's event queue empties.
 */
class PcpDecayTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstOfFreesRaisesHighWhichDecaysOnceASecondBackToHighMin() {
        Machine m = Machine.boot(MachineConfig.builder(1L << 30, 2).build());
        PageAllocator a = m.pageAllocator();
        List<Long> pages = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            pages.add(a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0));
        }
        for (long pfn : pages) {
            a.freePages(pfn, 0, 0);
        }
        ZoneView zone = a.zone(ZoneType.DMA32);
        int high = zone.pcpHigh(0);
        int count = zone.pcpCount(0);
        assertThat(high).as("the frees raised high above high_min").isGreaterThan(zone.pcpHighMin());
        assertThat(m.queue().isEmpty()).as("vmstat_update is armed").isFalse();
        long start = m.clock().now();

        m.queue().runUntil(start + SECOND - 1);
        assertThat(zone.pcpHigh(0)).as("nothing before the first second").isEqualTo(high);

        m.queue().runUntil(start + SECOND);
        int expected = Math.max(Math.max(count - (zone.pcpBatch() << 5), high - (high >> 3)), zone.pcpHighMin());
        assertThat(zone.pcpHigh(0)).isEqualTo(expected);
        assertThat(zone.pcpCount(0)).isLessThanOrEqualTo(expected);

        m.queue().runUntil(start + 120 * SECOND);
        assertThat(zone.pcpHigh(0)).isEqualTo(zone.pcpHighMin());
        assertThat(zone.pcpCount(0)).isLessThanOrEqualTo(zone.pcpHighMin());
        assertThat(m.queue().isEmpty()).as("the timer stopped with nothing left to decay").isTrue();
        m.checkInvariants();
    }
}
