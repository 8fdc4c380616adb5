package io.mmspec.runtime.mm.pagealloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The free list and per-CPU list building blocks. */
class FreeListStructuresTest {
    private static final int MOVABLE = MigrateType.MOVABLE.ordinal();

    @Test
    void thePristineRunKeepsItsPlaceInTheOrderTenList() {
        PristineBlocks pristine = new PristineBlocks();
        FreeArea area = new FreeArea(pristine, 2);
        area.addPristine(8192, 8192 + 4 * 1024);            // [P: 8192 9216 10240 11264]
        assertThat(area.first(10, MOVABLE)).isEqualTo(8192);
        area.add(100_000, 10, MOVABLE, true);                // [P ... 100000]
        assertThat(area.first(10, MOVABLE)).isEqualTo(8192);
        area.add(200_000, 10, MOVABLE, false);               // [200000 P ... 100000]
        assertThat(area.first(10, MOVABLE)).isEqualTo(200_000);
        area.remove(200_000, 10, MOVABLE);
        area.remove(8192, 10, MOVABLE);                      // the run's front block leaves
        assertThat(area.first(10, MOVABLE)).isEqualTo(9216);
        assertThat(area.nrFree(10)).isEqualTo(4);
        assertThatThrownBy(() -> area.remove(10240, 10, MOVABLE)).hasMessageContaining("not on the free list");
        area.remove(9216, 10, MOVABLE);
        area.remove(10240, 10, MOVABLE);
        area.remove(11264, 10, MOVABLE);
        assertThat(area.first(10, MOVABLE)).isEqualTo(100_000);
        assertThat(pristine.blocks(2)).isZero();
    }

    @Test
    void listsAddAtHeadOrTailAndRemoveAnywhere() {
        FreeArea area = new FreeArea(new PristineBlocks(), 0);
        area.add(8, 3, MOVABLE, false);
        area.add(16, 3, MOVABLE, false);
        area.add(24, 3, MOVABLE, true);
        assertThat(area.explicitBlocks(3, MOVABLE)).containsExactly(16, 8, 24);
        area.remove(8, 3, MOVABLE);
        assertThat(area.explicitBlocks(3, MOVABLE)).containsExactly(16, 24);
        assertThatThrownBy(() -> area.remove(16, 2, MOVABLE)).hasMessageContaining("not on the order-2");
        assertThatThrownBy(() -> area.add(24, 3, MOVABLE, false)).hasMessageContaining("already on a free list");
    }

    @Test
    void theLongIntMapAgreesWithATreeMapUnderRandomUse() {
        SplittableRandom random = new SplittableRandom(42);
        LongIntHashMap map = new LongIntHashMap();
        TreeMap<Long, Integer> reference = new TreeMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextLong(5000) * 1024;
            if (random.nextBoolean()) {
                int value = random.nextInt(1_000_000);
                map.put(key, value);
                reference.put(key, value);
            } else {
                Integer expected = reference.remove(key);
                assertThat(map.remove(key)).isEqualTo(expected == null ? LongIntHashMap.ABSENT : expected);
            }
        }
        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((k, v) -> assertThat(map.get(k)).isEqualTo(v));
    }

    @Test
    void theDequeServesBothEnds() {
        LongDeque deque = new LongDeque();
        for (long i = 0; i < 20; i++) {
            deque.addLast(i);
        }
        deque.addFirst(-1);
        assertThat(deque.pollFirst()).isEqualTo(-1);
        assertThat(deque.pollLast()).isEqualTo(19);
        assertThat(deque.get(0)).isZero();
        assertThat(deque.size()).isEqualTo(19);
    }
}
