package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.MB;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random allocation and free sequences over every path (per-CPU lists, buddy, fallbacks,
 * compound pages, data, drains, decay): the invariants hold after every step and, once
 * everything is freed and drained, the buddy lists are back to their boot state.
 */
class RandomAllocFreeTest {
    private static final Gfp[] MASKS = {
        Gfp.GFP_KERNEL, Gfp.GFP_HIGHUSER_MOVABLE, Gfp.GFP_ATOMIC, Gfp.GFP_KERNEL.or(Gfp.__GFP_RECLAIMABLE),
        Gfp.GFP_KERNEL.or(Gfp.GFP_DMA), Gfp.GFP_HIGHUSER_MOVABLE.or(Gfp.__GFP_COMP), Gfp.GFP_NOWAIT,
        Gfp.GFP_KERNEL.or(Gfp.__GFP_ZERO),
    };
    private static final int[] ORDERS = {0, 0, 0, 0, 0, 1, 2, 3, 4, 9, 10};

    private record Held(long pfn, int order, boolean compound) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void keepsTheInvariantsAndMergesBackToTheBootState(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PageAllocator a = Machines.boot(72 * MB, 3);
        String atBoot = a.buddyinfo();
        long freeAtBoot = a.nrFreePages();
        List<Held> held = new ArrayList<>();
        for (int step = 0; step < 1500; step++) {
            int dice = random.nextInt(100);
            if (dice < 55) {
                allocate(a, random, held);
            } else if (dice < 95 && !held.isEmpty()) {
                release(a, held.remove(random.nextInt(held.size())), random.nextInt(3));
            } else if (dice < 97) {
                a.drainAllPages();
            } else {
                a.decayPcpHigh();
            }
            a.checkInvariants();
        }
        for (Held h : held) {
            release(a, h, 0);
        }
        a.drainAllPages();
        a.checkInvariants();
        assertThat(a.buddyinfo()).isEqualTo(atBoot);
        assertThat(a.nrFreePages()).isEqualTo(freeAtBoot);
        assertThat(a.pcpPages()).isZero();
    }

    private static void allocate(PageAllocator a, SplittableRandom random, List<Held> held) {
        Gfp gfp = MASKS[random.nextInt(MASKS.length)];
        int order = ORDERS[random.nextInt(ORDERS.length)];
        long pfn = a.allocPages(order, gfp, random.nextInt(3));
        if (pfn == PageAllocator.NO_PAGE) {
            return;
        }
        MemMap map = a.memMap();
        assertThat(map.refcount(pfn)).isEqualTo(1);
        assertThat(map.readByte(pfn, 17)).as("a fresh page reads as zeros").isZero();
        if (gfp.has(Gfp.GFP_DMA)) {
            assertThat(a.zoneOf(pfn)).isEqualTo(ZoneType.DMA);
        }
        if (random.nextBoolean()) {
            map.writeByte(pfn + random.nextInt(1 << order), 17, (byte) (1 + random.nextInt(255)));
        }
        held.add(new Held(pfn, order, order > 0 && gfp.has(Gfp.__GFP_COMP)));
    }

    private static void release(PageAllocator a, Held h, int cpu) {
        if (h.compound()) {
            assertThat(a.putPage(h.pfn() + (1L << h.order()) - 1, cpu)).isTrue();
        } else {
            assertThat(a.freePages(h.pfn(), h.order(), cpu)).isTrue();
        }
    }
}
