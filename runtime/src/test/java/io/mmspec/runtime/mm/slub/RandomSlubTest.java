package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.kmalloc.Kmalloc;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeded random kmalloc/kfree sequences over many sizes, families and CPUs. */
class RandomSlubTest {
    private static final long[] SIZES = {1, 8, 13, 64, 65, 96, 100, 150, 192, 200, 256, 500, 1000, 1500, 2048,
        3000, 4096, 6000, 8192, 10000, 20000};
    private static final Gfp[] FLAGS = {Gfp.GFP_KERNEL, Gfp.GFP_ATOMIC, Gfp.GFP_KERNEL_ACCOUNT,
        Gfp.GFP_KERNEL.or(Gfp.__GFP_RECLAIMABLE), Gfp.GFP_KERNEL.or(Gfp.__GFP_DMA)};

    private record Live(long addr, byte[] data) {
    }

    @ParameterizedTest(name = "seed {0}, {1} CPUs, slub_debug=\"{2}\"")
    @CsvSource({"1, 2, ''", "2, 4, ''", "3, 1, ''", "4, 2, FZPU", "5, 3, ZP", "6, 8, ''"})
    void invariantsHoldDataReadsBackAndEveryPageReturns(long seed, int cpus, String debug) {
        SlubRig rig = new SlubRig(512 * SlubRig.MB, cpus, debug);
        Kmalloc kmalloc = new Kmalloc(rig.slab, rig.pages);
        long start = rig.pages.nrFreePages() + rig.pages.pcpPages();
        SplittableRandom random = new SplittableRandom(seed);
        List<Live> live = new ArrayList<>();
        for (int step = 0; step < 4000; step++) {
            if (live.isEmpty() || random.nextInt(100) < 55) {
                long size = SIZES[random.nextInt(SIZES.length)];
                long addr = kmalloc.kmalloc(size, FLAGS[random.nextInt(FLAGS.length)], random.nextInt(cpus));
                assertThat(addr).isNotZero();
                byte[] data = new byte[(int) Math.min(size, 48)];
                random.nextBytes(data);
                rig.slab.writeObject(addr, data);
                live.add(new Live(addr, data));
            } else {
                Live victim = live.remove(random.nextInt(live.size()));
                assertThat(rig.slab.readObject(victim.addr(), victim.data().length)).isEqualTo(victim.data());
                kmalloc.kfree(victim.addr(), random.nextInt(cpus));
            }
            if (step % 250 == 0) {
                rig.check();
            }
        }
        for (Live l : live) {
            assertThat(rig.slab.readObject(l.addr(), l.data().length)).isEqualTo(l.data());
            kmalloc.kfree(l.addr(), 0);
        }
        rig.check();
        rig.slab.caches().forEach(rig.slab::shrink);
        rig.check();
        assertThat(rig.slab.slabinfo()).allSatisfy(row -> assertThat(row.numSlabs()).isZero());
        assertThat(rig.slab.reclaimableBytes() + rig.slab.unreclaimableBytes()).isZero();
        assertThat(rig.pages.nrFreePages() + rig.pages.pcpPages()).isEqualTo(start);
        assertThat(rig.log.lines()).isEmpty();
    }
}
