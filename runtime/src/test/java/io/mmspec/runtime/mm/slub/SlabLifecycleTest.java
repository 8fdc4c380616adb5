package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlabLifecycleTest {
    private static final Set<SlabFlag> NONE = EnumSet.noneOf(SlabFlag.class);
    private final SlubRig rig = SlubRig.twoCpus();

    private long freePages() {
        return rig.pages.nrFreePages() + rig.pages.pcpPages();
    }

    /** 256-byte objects: 16 per order-0 slab, cpu_partial 52 -> 7 slabs, min_partial 5. */
    private KmemCache cache256() {
        KmemCache c = rig.slab.createCache("test-256", 256, 0, NONE);
        assertThat(c.objectsPerSlab()).isEqualTo(16);
        assertThat(c.cpuPartialSlabs()).isEqualTo(7);
        assertThat(c.minPartial()).isEqualTo(5);
        return c;
    }

    private List<Long> allocMany(KmemCache c, int n, int cpu) {
        List<Long> objects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            objects.add(rig.slab.alloc(c, Gfp.GFP_KERNEL, cpu));
        }
        return objects;
    }

    @Test
    void fastPathTakesNoLockAndSlowPathRefills() {
        KmemCache c = cache256();
        List<Long> objs = allocMany(c, 17, 0);
        // #1 and #17 need a new slab (the first is full after 16); the 15 between come off c->freelist.
        assertThat(c.stat("alloc_slowpath")).isEqualTo(2);
        assertThat(c.stat("alloc_slab")).isEqualTo(2);
        assertThat(c.stat("alloc_fastpath")).isEqualTo(15);
        assertThat(c.stat("deactivate_bypass")).isEqualTo(1);
        rig.slab.free(c, objs.get(16), 0); // CPU 0's active slab: lockless
        rig.slab.free(c, objs.get(0), 0);  // the full first slab goes to CPU 0's partial list
        assertThat(c.stat("free_fastpath")).isEqualTo(1);
        assertThat(c.stat("free_slowpath")).isEqualTo(1);
        assertThat(c.stat("cpu_partial_free")).isEqualTo(1);
        assertThat(c.listLockTaken()).isZero();
        assertThat(c.statOnCpu(SlubStat.ALLOC_FASTPATH, 1)).isZero();
        rig.check();
    }

    @Test
    void slabsGoFromFullToPartialToEmptyAndAreFreedBeyondMinPartial() {
        KmemCache c = cache256();
        long start = freePages();
        List<Long> objs = allocMany(c, 16 * 9, 0); // S1..S8 full on no list, S9 CPU 0's slab
        assertThat(c.nrSlabs()).isEqualTo(9);
        assertThat(freePages()).isEqualTo(start - 9);
        for (int s = 0; s < 8; s++) { // one object of each full slab, freed on CPU 1
            rig.slab.free(c, objs.get(16 * s), 1);
            rig.check();
        }
        // S1..S7 filled CPU 1's partial list (7 slabs); S8 found it full and drained it to the node.
        assertThat(c.stat("cpu_partial_free")).isEqualTo(8);
        assertThat(c.stat("cpu_partial_drain")).isEqualTo(1);
        assertThat(c.nrPartial()).isEqualTo(7);
        for (int s = 0; s < 7; s++) { // empty S1..S7 completely
            for (int i = 1; i < 16; i++) {
                rig.slab.free(c, objs.get(16 * s + i), 1);
            }
            rig.check();
        }
        // S1, S2, S3 emptied with 7, 6, 5 partial slabs (>= min_partial 5): freed. S4..S7 stay, empty.
        assertThat(c.stat("free_slab")).isEqualTo(3);
        assertThat(c.stat("free_remove_partial")).isEqualTo(3);
        assertThat(c.nrPartial()).isEqualTo(4);
        assertThat(c.nrSlabs()).isEqualTo(6);
        assertThat(freePages()).isEqualTo(start - 6);
        rig.slab.shrink(c); // flush the CPUs, free the empty slabs: S8 (one free) and S9 (full) remain
        assertThat(c.nrSlabs()).isEqualTo(2);
        assertThat(freePages()).isEqualTo(start - 2);
        rig.check();
    }

    @Test
    void compatibleCachesMergeAndSlabinfoListsThemOnce() {
        KmemCache foo = rig.slab.createCache("foo", 60, 0, NONE);
        KmemCache bar = rig.slab.createCache("bar", 64, 0, NONE);
        KmemCache baz = rig.slab.createCache("baz", 56, 0, NONE);
        assertThat(bar).isSameAs(foo); // ALIGN(60, 8) = 64 = 64: merged
        assertThat(baz).isNotSameAs(foo); // 64 - 56 = 8 bytes wasted: not merged
        assertThat(foo.aliases()).containsExactly("bar");
        assertThat(rig.slab.cache("bar")).containsSame(foo);
        assertThat(rig.slab.slabinfo()).extracting(SlabInfoRow::name).containsExactly("baz", "foo");
        assertThat(rig.slab.createCache("red", 64, 0, EnumSet.of(SlabFlag.SLAB_RED_ZONE))).isNotSameAs(foo);
        assertThat(rig.slab.createCache("rcl", 64, 0, EnumSet.of(SlabFlag.SLAB_RECLAIM_ACCOUNT))).isNotSameAs(foo);
        assertThatThrownBy(() -> rig.slab.createCache("foo", 64, 0, NONE)).isInstanceOf(IllegalArgumentException.class);
        rig.slab.destroyCache(bar); // drops the alias, foo lives on
        assertThat(rig.slab.cache("foo")).isPresent();
        assertThat(rig.slab.cache("bar")).isEmpty();
    }

    @Test
    void destroyingACacheWithObjectsReportsThemAndKeepsTheCache() {
        KmemCache c = rig.slab.createCache("leaky", 128, 0, NONE);
        long a = rig.slab.alloc(c, Gfp.GFP_KERNEL, 0);
        rig.slab.alloc(c, Gfp.GFP_KERNEL, 0);
        rig.slab.destroyCache(c);
        List<String> lines = rig.lines();
        assertThat(lines.subList(0, 6)).containsExactly(
                "=============================================================================",
                "BUG leaky (Not tainted): Objects remaining on __kmem_cache_shutdown()",
                "-----------------------------------------------------------------------------",
                "",
                String.format("Object 0x%016x @offset=0", a),
                String.format("Object 0x%016x @offset=128", a + 128));
        assertThat(lines.get(6)).matches("Slab 0xffffea[0-9a-f]{10} objects=32 used=2 fp=0x[0-9a-f]{16} "
                + "flags=0x200\\(workingset\\|node=0\\|zone=\\d\\)");
        assertThat(lines.subList(7, 9)).containsExactly("------------[ cut here ]------------",
                "kmem_cache_destroy leaky: Slab cache still has objects");
        assertThat(rig.slab.slabinfo()).extracting(SlabInfoRow::name).contains("leaky");
        assertThat(rig.slab.slabinfo().get(0).activeObjs()).isEqualTo(2);
        rig.check();
    }

    @Test
    void destroyingAnEmptyCacheGivesEveryPageBack() {
        long start = freePages();
        KmemCache c = rig.slab.createCache("tidy", 1000, 0, NONE);
        List<Long> objs = allocMany(c, 100, 1);
        objs.forEach(o -> rig.slab.free(c, o, 0));
        rig.slab.destroyCache(c);
        assertThat(freePages()).isEqualTo(start);
        assertThat(rig.slab.cache("tidy")).isEmpty();
        assertThat(rig.log.lines()).isEmpty();
        rig.check();
    }

    @Test
    void freeingToTheWrongCacheWarnsAndFreesToTheRightOne() {
        KmemCache a = rig.slab.createCache("cache-a", 100, 0, NONE);
        KmemCache b = rig.slab.createCache("cache-b", 300, 0, NONE);
        long obj = rig.slab.alloc(a, Gfp.GFP_KERNEL, 0);
        rig.slab.free(b, obj, 0);
        assertThat(rig.lines()).containsExactly("------------[ cut here ]------------",
                "kmem_cache_free: Wrong slab cache. cache-b but object is from cache-a");
        assertThat(a.stat("free_fastpath")).isEqualTo(1);
        rig.check();
    }

    @Test
    void aDoubleFreeWithoutConsistencyChecksIsACallerBug() {
        KmemCache c = rig.slab.createCache("twice", 64, 0, NONE);
        long obj = rig.slab.alloc(c, Gfp.GFP_KERNEL, 0);
        rig.slab.free(c, obj, 0);
        assertThatThrownBy(() -> rig.slab.free(c, obj, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("double free in twice");
    }
}
