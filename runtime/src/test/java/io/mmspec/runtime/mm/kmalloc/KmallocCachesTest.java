package io.mmspec.runtime.mm.kmalloc;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.slub.KmemCache;
import io.mmspec.runtime.mm.slub.SlubRig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KmallocCachesTest {
    private final SlubRig rig = SlubRig.twoCpus();
    private final Kmalloc kmalloc = new Kmalloc(rig.slab, rig.pages);

    /** kernel-facts §6, machine M (2 CPUs): objs, order, cpu_partial, min_partial. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "kmalloc-8,   512, 0, 120, 5",
        "kmalloc-16,  256, 0, 120, 5",
        "kmalloc-32,  128, 0, 120, 5",
        "kmalloc-64,   64, 0, 120, 5",
        "kmalloc-96,   42, 0, 120, 5",
        "kmalloc-128,  32, 0, 120, 5",
        "kmalloc-192,  21, 0, 120, 5",
        "kmalloc-256,  16, 0,  52, 5",
        "kmalloc-512,  16, 1,  52, 5",
        "kmalloc-1k,   16, 2,  24, 5",
        "kmalloc-2k,   16, 3,  24, 5",
        "kmalloc-4k,    8, 3,   6, 6",
        "kmalloc-8k,    4, 3,   6, 6",
    })
    void twoCpuMachineMatchesTheKernelTable(String name, int objs, int order, int cpuPartial, int minPartial) {
        KmemCache cache = rig.slab.cache(name).orElseThrow();
        assertThat(cache.objectsPerSlab()).isEqualTo(objs);
        assertThat(cache.order()).isEqualTo(order);
        assertThat(cache.cpuPartial()).isEqualTo(cpuPartial);
        assertThat(cache.minPartial()).isEqualTo(minPartial);
    }

    @Test
    void cpuPartialSlabsAreTwiceTheObjectsOverObjectsPerSlab() {
        // DIV_ROUND_UP(2 * 120, 512) = 1 for kmalloc-8; DIV_ROUND_UP(2 * 6, 4) = 3 for kmalloc-8k.
        assertThat(rig.slab.cache("kmalloc-8").orElseThrow().cpuPartialSlabs()).isEqualTo(1);
        assertThat(rig.slab.cache("kmalloc-96").orElseThrow().cpuPartialSlabs()).isEqualTo(6);
        assertThat(rig.slab.cache("kmalloc-8k").orElseThrow().cpuPartialSlabs()).isEqualTo(3);
    }

    @Test
    void eightCpusGiveKmalloc256OrderOneWith32Objects() {
        SlubRig eight = new SlubRig(256 * SlubRig.MB, 8, "");
        new Kmalloc(eight.slab, eight.pages);
        KmemCache cache = eight.slab.cache("kmalloc-256").orElseThrow();
        assertThat(cache.order()).isEqualTo(1);
        assertThat(cache.objectsPerSlab()).isEqualTo(32);
    }

    @Test
    void everyFamilyIsCreatedAtBootAndListedNewestFirst() {
        // 4 families x 13 sizes; slab_caches is newest first, so kmalloc-96 (the first made) is last.
        assertThat(rig.slab.caches()).hasSize(52);
        assertThat(rig.slab.caches().get(51).name()).isEqualTo("kmalloc-96");
        assertThat(rig.slab.caches().get(0).name()).isEqualTo("kmalloc-cg-8k");
        assertThat(rig.slab.cache("dma-kmalloc-512")).isPresent();
        assertThat(rig.slab.cache("kmalloc-rcl-1k")).isPresent();
    }

    @Test
    void oddSizedCachesAlignToTheirLargestPowerOfTwoDivisor() {
        assertThat(rig.slab.cache("kmalloc-96").orElseThrow().align()).isEqualTo(32);
        assertThat(rig.slab.cache("kmalloc-192").orElseThrow().align()).isEqualTo(64);
        assertThat(rig.slab.cache("kmalloc-2k").orElseThrow().align()).isEqualTo(2048);
    }

    @Test
    void slabinfoListsEveryCacheInTheKernelsColumns() {
        long p = kmalloc.kmalloc(100, Gfp.GFP_KERNEL, 0);
        String text = rig.slab.slabinfoText();
        assertThat(text).startsWith("slabinfo - version: 2.1\n# name            <active_objs> <num_objs> <objsize>"
                + " <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata"
                + " <active_slabs> <num_slabs> <sharedavail>\n");
        // One kmalloc-128 slab of 32 objects; they all belong to CPU 0's slab, so all count as active.
        assertThat(text).contains("\nkmalloc-128           32     32    128   32    1 : tunables    0    0    0"
                + " : slabdata      1      1      0\n");
        assertThat(text).contains("\nkmalloc-8k             0      0   8192    4    8 : tunables    0    0    0"
                + " : slabdata      0      0      0\n");
        kmalloc.kfree(p, 0);
        rig.check();
    }
}
