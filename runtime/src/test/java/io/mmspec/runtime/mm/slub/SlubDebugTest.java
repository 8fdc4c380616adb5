package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.kmalloc.Kmalloc;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.EventKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlubDebugTest {
    private final SlubRig rig = new SlubRig(256 * SlubRig.MB, 2, "FZPU");
    private final Kmalloc kmalloc = new Kmalloc(rig.slab, rig.pages);

    private static String hex(long addr) {
        return String.format("0x%016x", addr);
    }

    @Test
    void debugCachesHaveNoCpuPartialAndAlwaysTakeTheSlowPath() {
        KmemCache c = rig.slab.cache("kmalloc-64").orElseThrow();
        assertThat(c.cpuPartial()).isZero();
        assertThat(c.size()).isEqualTo(256); // 64 + red zones, fp, 2 tracks, orig size, aligned to 64
        long a = kmalloc.kmalloc(64, Gfp.GFP_KERNEL, 0);
        long b = kmalloc.kmalloc(64, Gfp.GFP_KERNEL, 0);
        assertThat(c.stat("alloc_fastpath")).isZero();
        assertThat(c.stat("alloc_slowpath")).isEqualTo(2);
        assertThat(c.listLockTaken()).isEqualTo(2);
        // slub_debug=P: a fresh object reads as poison, 0x6b ... 0xa5
        assertThat(rig.slab.readObject(a, 2)).containsExactly(0x6b, 0x6b);
        kmalloc.kfree(a, 0);
        kmalloc.kfree(b, 1);
        assertThat(rig.log.lines()).isEmpty();
        rig.check();
    }

    @Test
    void rightRedZoneOverwriteIsReportedAtFreeAndTheObjectKept() {
        long p = kmalloc.kmalloc(1500, Gfp.GFP_KERNEL, 0);
        KmemCache c = rig.slab.cacheOf(p).orElseThrow();
        assertThat(c.name()).isEqualTo("kmalloc-2k");
        assertThat(p & 0xfff).isEqualTo(2048); // first object after a 2048-byte left red zone
        rig.slab.writeObject(p + 2048, new byte[] {'A'}); // one byte past the 2 KiB object
        kmalloc.kfree(p, 0);
        List<String> lines = rig.lines();
        assertThat(lines.subList(0, 5)).containsExactly(
                "[Right Redzone overwritten] " + hex(p + 2048) + "-" + hex(p + 2048)
                        + " @offset=4096. First byte 0x41 instead of 0xcc",
                "=============================================================================",
                "BUG kmalloc-2k (Not tainted): Object corrupt",
                "-----------------------------------------------------------------------------",
                "");
        assertThat(lines.get(5)).matches("Slab 0xffffea[0-9a-f]{10} objects=5 used=1 fp=0x[0-9a-f]{16} "
                + "flags=0x240\\(workingset\\|head\\|node=0\\|zone=\\d\\)");
        // its stale free pointer still names the next object of the new slab, 6144 bytes on
        assertThat(lines.get(6)).isEqualTo("Object " + hex(p) + " @offset=2048 fp=" + hex(p + 6144));
        assertThat(lines.get(8)).isEqualTo(String.format("Redzone  %016x: ", p - 2048)
                + "cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc  ................");
        // the object dump shows the poison of the 1500 requested bytes, then the kmalloc red zone
        assertThat(lines).contains(String.format("Object   %016x: ", p + 1488)
                + "6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b a5 cc cc cc cc  kkkkkkkkkkk.....");
        assertThat(lines).contains(String.format("Redzone  %016x: ", p + 2048)
                + "41 cc cc cc cc cc cc cc                          A.......");
        assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly(
                "FIX kmalloc-2k: Restoring Right Redzone " + hex(p + 2048) + "-" + hex(p + 2048) + "=0xcc",
                "FIX kmalloc-2k: Object at " + hex(p) + " not freed");
        assertThat(rig.trace.events()).filteredOn(e -> e.kind() == EventKind.SLUB_REPORT)
                .extracting(e -> e.stringField("kind")).containsExactly("Right Redzone overwritten");
        // the kernel leaks the object: it is still in use
        assertThat(rig.slab.slabinfo()).filteredOn(r -> r.name().equals("kmalloc-2k"))
                .extracting(SlabInfoRow::activeObjs).containsExactly(1L);
        rig.check();
    }

    @Test
    void writingIntoTheKmallocRedZoneIsCaughtToo() {
        long p = kmalloc.kmalloc(100, Gfp.GFP_KERNEL, 0); // kmalloc-128, 28 bytes of kmalloc red zone
        rig.slab.writeObject(p + 100, new byte[] {0, 0});
        kmalloc.kfree(p, 0);
        assertThat(rig.lines().get(0)).isEqualTo("[kmalloc Redzone overwritten] " + hex(p + 100) + "-" + hex(p + 101)
                + " @offset=" + ((p & 0xfff) + 100) + ". First byte 0x0 instead of 0xcc");
        assertThat(rig.lines().get(2)).isEqualTo("BUG kmalloc-128 (Not tainted): Object corrupt");
    }

    @Test
    void useAfterFreeIsFoundAsPoisonOverwrittenAtTheNextAllocation() {
        long p = kmalloc.kmalloc(64, Gfp.GFP_KERNEL, 0);
        kmalloc.kfree(p, 0);
        rig.slab.writeObject(p + 10, new byte[] {'X'});
        long q = kmalloc.kmalloc(64, Gfp.GFP_KERNEL, 0);
        List<String> lines = rig.lines();
        long offset = p & 0xfff;
        assertThat(lines.get(0)).isEqualTo("[Poison overwritten] " + hex(p + 10) + "-" + hex(p + 10) + " @offset="
                + (offset + 10) + ". First byte 0x58 instead of 0x6b");
        assertThat(lines.get(2)).isEqualTo("BUG kmalloc-64 (Not tainted): Object corrupt");
        assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly(
                "FIX kmalloc-64: Restoring Poison " + hex(p + 10) + "-" + hex(p + 10) + "=0x6b",
                "FIX kmalloc-64: Marking all objects used");
        // the corrupted slab is given up; the allocation came from a new slab
        assertThat(q).isNotZero();
        assertThat(q >> 12).isNotEqualTo(p >> 12);
        rig.check();
    }

    @Test
    void aDoubleFreeIsReportedAsObjectAlreadyFree() {
        long p = kmalloc.kmalloc(64, Gfp.GFP_KERNEL, 0);
        kmalloc.kmalloc(64, Gfp.GFP_KERNEL, 0);
        kmalloc.kfree(p, 0);
        kmalloc.kfree(p, 0);
        List<String> lines = rig.lines();
        assertThat(lines.subList(0, 4)).containsExactly(
                "=============================================================================",
                "BUG kmalloc-64 (Not tainted): Object already free",
                "-----------------------------------------------------------------------------",
                "");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("FIX kmalloc-64: Object at " + hex(p) + " not freed");
        rig.check();
    }

    @Test
    void laterReportsSayTheKernelIsTainted() {
        long p = kmalloc.kmalloc(64, Gfp.GFP_KERNEL, 0);
        kmalloc.kfree(p, 0);
        kmalloc.kfree(p, 0);
        kmalloc.kfree(p, 0);
        // TAINT_BAD_PAGE (B) and TAINT_WARN (W) of 20 taint letters
        assertThat(rig.lines()).contains("BUG kmalloc-64 (Tainted: G    B   W          ): Object already free");
    }

    @Test
    void perCacheSlubDebugLeavesOtherCachesAlone() {
        SlubRig some = new SlubRig(256 * SlubRig.MB, 2, "Z,kmalloc-2k");
        new Kmalloc(some.slab, some.pages);
        assertThat(some.slab.cache("kmalloc-2k").orElseThrow().flags()).contains(SlabFlag.SLAB_RED_ZONE);
        assertThat(some.slab.cache("kmalloc-1k").orElseThrow().flags()).doesNotContain(SlabFlag.SLAB_RED_ZONE);
        assertThat(some.slab.cache("kmalloc-1k").orElseThrow().cpuPartial()).isEqualTo(24);
    }

    @Test
    void validateChecksEveryObjectOfTheCache() {
        long p = kmalloc.kmalloc(64, Gfp.GFP_KERNEL, 0);
        long q = kmalloc.kmalloc(64, Gfp.GFP_KERNEL, 0);
        kmalloc.kfree(q, 0);
        rig.slab.writeObject(q, new byte[] {1}); // use after free, found by validate
        rig.slab.validate(rig.slab.cache("kmalloc-64").orElseThrow());
        assertThat(rig.lines().get(0)).startsWith("[Poison overwritten] " + hex(q) + "-" + hex(q));
        assertThat(rig.lines()).last().isEqualTo("FIX kmalloc-64: Restoring Poison " + hex(q) + "-" + hex(q) + "=0x6b");
        kmalloc.kfree(p, 0);
        rig.check();
    }
}
