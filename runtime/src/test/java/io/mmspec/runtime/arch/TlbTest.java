package io.mmspec.runtime.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TlbTest {
    private static final long ENTRY = Pte.make(0x1234, Pte.PRESENT | Pte.USER | Pte.ACCESSED);
    private final Tlb tlb = new Tlb(4, 2);

    @AfterEach
    void stillConsistent() {
        tlb.checkInvariants();
    }

    @Test
    void hitsAfterFillAndMissesAfterFlushOne() {
        assertThat(tlb.lookup(1, 0x40_0000L)).isZero();
        tlb.fill(1, 0x40_0000L, ENTRY, false);
        assertThat(tlb.lookup(1, 0x40_0123L)).isEqualTo(ENTRY); // same 4 KB page
        assertThat(tlb.lookup(2, 0x40_0000L)).isZero();          // other ASID: its own tag
        tlb.flushOne(1, 0x40_0fffL);
        assertThat(tlb.lookup(1, 0x40_0000L)).isZero();
        assertThat(tlb.onePageFlushes()).isEqualTo(1);
        assertThat(tlb.entriesFlushed()).isEqualTo(1);
    }

    @Test
    void invlpgAnywhereInsideA2MbEntryDropsIt() {
        long huge = Pte.make(0x200, Pte.PRESENT | Pte.USER | Pte.ACCESSED | Pte.PSE);
        tlb.fill(0, 0x20_0000L, huge, true);
        assertThat(tlb.lookup(0, 0x3f_f000L)).isEqualTo(huge);
        tlb.flushOne(0, 0x23_4000L);
        assertThat(tlb.lookup(0, 0x20_0000L)).isZero();
        assertThat(tlb.entries2m()).isZero();
    }

    @Test
    void replacesTheLeastRecentlyUsedEntryWhenFull() {
        for (int page = 0; page < 4; page++) {
            tlb.fill(0, page * Paging.PAGE_SIZE, ENTRY + page, false);
        }
        tlb.lookup(0, 0); // page 0 becomes most recently used; page 1 is now the oldest
        tlb.fill(0, 4 * Paging.PAGE_SIZE, ENTRY, false);
        assertThat(tlb.lookup(0, Paging.PAGE_SIZE)).isZero();
        assertThat(tlb.lookup(0, 0)).isEqualTo(ENTRY);
        assertThat(tlb.entries4k()).isEqualTo(4);
        assertThat(tlb.evictions()).isEqualTo(1);
    }

    @Test
    void flushAsidDropsOnlyThatAsid() {
        tlb.fill(1, 0x1000, ENTRY, false);
        tlb.fill(1, 0x2000, ENTRY, false);
        tlb.fill(3, 0x1000, ENTRY, false);
        tlb.fill(1, 0x20_0000L, Pte.mkhuge(ENTRY), true);
        tlb.flushAsid(1);
        assertThat(tlb.entries(1)).isZero();
        assertThat(tlb.entries(3)).isEqualTo(1);
        assertThat(tlb.entriesFlushed()).isEqualTo(3);
        assertThat(tlb.fullFlushes()).isEqualTo(1);
        tlb.flushAll();
        assertThat(tlb.entries()).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 11, 2718})
    void agreesWithAReferenceLruModel(long seed) {
        // random fills, lookups and invalidations against a TreeMap keyed by last use
        SplittableRandom random = new SplittableRandom(seed);
        TlbArray array = new TlbArray(16);
        TreeMap<Long, Long> lastUse = new TreeMap<>();
        TreeMap<Long, Long> values = new TreeMap<>();
        long clock = 0;
        for (int step = 0; step < 20_000; step++) {
            long key = TlbArray.key(random.nextInt(3), random.nextInt(40));
            int op = random.nextInt(10);
            clock++;
            if (op < 5) {
                long value = 1 + random.nextInt(1000);
                if (!values.containsKey(key) && values.size() == 16) {
                    long victim = lastUse.firstEntry().getValue();
                    lastUse.pollFirstEntry();
                    values.remove(victim);
                }
                lastUse.values().remove(key);
                lastUse.put(clock, key);
                values.put(key, value);
                array.insert(key, value);
            } else if (op < 9) {
                long expected = values.getOrDefault(key, 0L);
                if (expected != 0) {
                    lastUse.values().remove(key);
                    lastUse.put(clock, key);
                }
                assertThat(array.lookup(key)).as("step %d", step).isEqualTo(expected);
            } else {
                lastUse.values().remove(key);
                assertThat(array.invalidate(key)).isEqualTo(values.remove(key) == null ? 0 : 1);
            }
            assertThat(array.size()).isEqualTo(values.size());
        }
        array.checkInvariants();
    }
}
