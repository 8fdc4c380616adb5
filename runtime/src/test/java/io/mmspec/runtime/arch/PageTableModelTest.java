package io.mmspec.runtime.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random runs against a reference model (a sorted map from address to leaf): PTE sets
 * and clears, huge leaves, splits, range rewrites and table freeing. After each step the tree
 * checks itself; forEachLeaf must report exactly the model's entries in the model's order, and
 * in the end every table page goes back to the allocator.
 */
class PageTableModelTest {
    private static final long[] REGIONS = {0x40_0000L, 0x7f12_3400_0000L, 0x10_0000_0000L};
    private static final long SPAN = 6 * Paging.PMD_SIZE;
    private static final long USER_RW = Pte.PRESENT | Pte.RW | Pte.USER;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 9, 16, 25, 36, 49})
    void treeAgreesWithASortedMap(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        CountingAllocator allocator = new CountingAllocator();
        PageTable table = new PageTable(allocator);
        TreeMap<Long, Long> ptes = new TreeMap<>();
        TreeMap<Long, Long> huge = new TreeMap<>();
        int[] done = new int[10];
        for (int step = 0; step < 3000; step++) {
            long base = REGIONS[random.nextInt(REGIONS.length)];
            long page = base + random.nextLong(SPAN / Paging.PAGE_SIZE) * Paging.PAGE_SIZE;
            long pmd = page & Paging.PMD_MASK;
            int op = random.nextInt(10);
            if (op < 4 && !huge.containsKey(pmd)) {
                long entry = random.nextInt(3) == 0 ? Pte.swapEntry(random.nextInt(4), random.nextInt(1 << 20))
                        : Pte.make(random.nextInt(1 << 20), USER_RW);
                table.setPte(page, entry);
                ptes.put(page, entry);
                done[0]++;
            } else if (op < 6 && !huge.containsKey(pmd)) {
                assertThat(table.clearPte(page)).isEqualTo(orZero(ptes.remove(page)));
                done[1]++;
            } else if (op == 6 && ptes.subMap(pmd, pmd + Paging.PMD_SIZE).isEmpty()) {
                table.freeEmptyTables(pmd, pmd + Paging.PMD_SIZE); // drop an empty PT first
                long entry = Pte.make(random.nextInt(1 << 10) * 512L, USER_RW | Pte.PSE);
                table.setPmdLeaf(pmd, entry, random.nextBoolean());
                huge.put(pmd, entry);
                done[2]++;
            } else if (op == 7 && huge.containsKey(pmd)) {
                table.splitPmdLeaf(pmd);
                long entry = huge.remove(pmd);
                for (int i = 0; i < Paging.HPAGE_PMD_NR; i++) {
                    ptes.put(pmd + i * Paging.PAGE_SIZE, Pte.make(Pte.pfn(entry) + i, Pte.flags(entry) & ~Pte.PSE));
                }
                done[3]++;
            } else if (op == 8) {
                rewriteRegion(table, base, ptes, huge);
                done[4]++;
            } else if (op == 9) {
                // munmap of one 2 MB stretch: zap every leaf, then free the emptied tables
                table.forEachLeaf(pmd, pmd + Paging.PMD_SIZE, (vaddr, entry, isHuge) -> 0);
                ptes.subMap(pmd, pmd + Paging.PMD_SIZE).clear();
                huge.remove(pmd);
                table.freeEmptyTables(base, base + SPAN);
                done[5]++;
            }
            table.checkInvariants();
        }
        assertThat(done).as("every kind of step ran").satisfies(counts -> {
            for (int kind = 0; kind < 6; kind++) {
                assertThat(counts[kind]).as("kind %d", kind).isGreaterThan(10);
            }
        });
        assertThat(visitAll(table)).isEqualTo(merged(ptes, huge));
        table.destroy();
        assertThat(allocator.live()).isZero();
    }

    /** Write-protects the present leaves and clears the swap entries of a whole region, in one pass. */
    private static void rewriteRegion(PageTable table, long base, Map<Long, Long> ptes, Map<Long, Long> huge) {
        table.forEachLeaf(base, base + SPAN, (vaddr, entry, isHuge) ->
                Pte.isSwapEntry(entry) ? 0 : Pte.wrprotect(entry));
        for (Map<Long, Long> map : List.of(ptes, huge)) {
            List<Long> inRegion = new ArrayList<>(((TreeMap<Long, Long>) map).subMap(base, base + SPAN).keySet());
            for (long vaddr : inRegion) {
                long entry = map.get(vaddr);
                if (Pte.isSwapEntry(entry)) {
                    map.remove(vaddr);
                } else {
                    map.put(vaddr, Pte.wrprotect(entry));
                }
            }
        }
    }

    private static TreeMap<Long, String> visitAll(PageTable table) {
        TreeMap<Long, String> seen = new TreeMap<>();
        long[] previous = {-1};
        table.forEachLeaf(0, Paging.USER_SPACE_END, (vaddr, entry, isHuge) -> {
            assertThat(vaddr).isGreaterThan(previous[0]);
            previous[0] = vaddr;
            seen.put(vaddr, (isHuge ? "huge " : "") + Pte.describe(entry));
            return entry;
        });
        return seen;
    }

    private static TreeMap<Long, String> merged(Map<Long, Long> ptes, Map<Long, Long> huge) {
        TreeMap<Long, String> expected = new TreeMap<>();
        ptes.forEach((vaddr, entry) -> expected.put(vaddr, Pte.describe(entry)));
        huge.forEach((vaddr, entry) -> expected.put(vaddr, "huge " + Pte.describe(entry)));
        return expected;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
