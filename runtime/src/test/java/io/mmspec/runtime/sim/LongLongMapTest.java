package io.mmspec.runtime.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongLongMapTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234567})
    void agreesWithTreeMapOnRandomOperations(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LongLongMap map = new LongLongMap();
        TreeMap<Long, Long> model = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            long key = random.nextLong(0, 500); // small key space: many collisions and removals
            int op = random.nextInt(3);
            if (op == 0) {
                map.put(key, i);
                model.put(key, (long) i);
            } else if (op == 1) {
                assertThat(map.remove(key, -1)).isEqualTo(model.containsKey(key) ? model.remove(key) : -1L);
            } else {
                assertThat(map.get(key, -1)).isEqualTo(model.getOrDefault(key, -1L));
            }
            assertThat(map.size()).isEqualTo(model.size());
        }
        assertThat(map.sortedKeys()).containsExactly(model.keySet().stream().mapToLong(Long::longValue).toArray());
    }
}
