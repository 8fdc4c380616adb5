package io.mmspec.runtime.mm.vmalloc;

import static io.mmspec.runtime.mm.vmalloc.Kernel.KB;
import static io.mmspec.runtime.mm.vmalloc.Kernel.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random vmalloc, vmalloc_huge, vfree, purge and data sequences: the invariants hold
 * after every step, every area reads back what was written to it, and once everything is
 * freed and purged the page allocator has every page back and the range is one free block.
 */
class RandomVmallocTest {
    private static final long[] SIZES = {1, 4 * KB, 5000, 16 * KB, 64 * KB, 300 * KB, 1 * MB, 2 * MB,
        3 * MB + 12345, 10 * MB};

    private record Held(long addr, long size, byte mark) {
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void keepsTheInvariantsAndGivesEveryPageBack(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Kernel k = Kernel.boot(96 * MB, 1 + random.nextInt(4));
        long freeAtBoot = k.freePagesDrained();
        List<Held> held = new ArrayList<>();
        for (int step = 0; step < 400; step++) {
            int dice = random.nextInt(100);
            if (dice < 45) {
                allocate(k, random, held);
            } else if (dice < 85 && !held.isEmpty()) {
                Held h = held.remove(random.nextInt(held.size()));
                assertReadsBack(k, h);
                k.vmalloc.vfree(h.addr());
            } else if (dice < 90) {
                k.vmalloc.purge();
            } else if (!held.isEmpty()) {
                assertReadsBack(k, held.get(random.nextInt(held.size())));
            }
            k.vmalloc.checkInvariants();
            k.pages.checkInvariants();
        }
        for (Held h : held) {
            k.vmalloc.vfree(h.addr());
        }
        k.vmalloc.purge();
        k.vmalloc.checkInvariants();

        assertThat(k.vmalloc.nrPages()).isZero();
        assertThat(k.vmalloc.lazyPages()).isZero();
        assertThat(k.vmalloc.vmallocinfo()).isEmpty();
        assertThat(k.freePagesDrained()).isEqualTo(freeAtBoot);
        assertThat(k.vmalloc.tlbFlushes()).isEqualTo(k.vmalloc.purges());
    }

    private static void allocate(Kernel k, SplittableRandom random, List<Held> held) {
        long size = SIZES[random.nextInt(SIZES.length)];
        Gfp gfp = Gfp.GFP_KERNEL.or(Gfp.__GFP_NOWARN);
        long addr = random.nextBoolean() ? k.vmalloc.vmalloc(size, gfp, "r")
                : k.vmalloc.vmallocHuge(size, gfp, "h");
        if (addr == 0) {
            return;     // out of memory on this small machine: a legitimate answer
        }
        assertThat(k.vmalloc.findVmArea(addr).orElseThrow().mappedSize())
                .isGreaterThanOrEqualTo(size).isLessThan(size + 2 * MB);
        byte mark = (byte) (1 + random.nextInt(127));
        // First and last byte of the area, so a mix-up of two areas' pages shows.
        k.vmalloc.write(addr, new byte[] {mark});
        k.vmalloc.write(addr + size - 1, new byte[] {mark});
        held.add(new Held(addr, size, mark));
    }

    private static void assertReadsBack(Kernel k, Held h) {
        assertThat(k.vmalloc.read(h.addr(), 1)[0]).isEqualTo(h.mark());
        assertThat(k.vmalloc.read(h.addr() + h.size() - 1, 1)[0]).isEqualTo(h.mark());
    }
}
