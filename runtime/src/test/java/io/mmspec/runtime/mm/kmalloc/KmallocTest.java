package io.mmspec.runtime.mm.kmalloc;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.mm.slub.SlubRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class KmallocTest {
    private final SlubRig rig = SlubRig.twoCpus();
    private final Kmalloc kmalloc = new Kmalloc(rig.slab, rig.pages);

    private long freePages() {
        return rig.pages.nrFreePages() + rig.pages.pcpPages();
    }

    @ParameterizedTest(name = "{0} B -> {1}")
    @CsvSource({"1, kmalloc-8", "8, kmalloc-8", "9, kmalloc-16", "24, kmalloc-32", "33, kmalloc-64",
        "65, kmalloc-96", "96, kmalloc-96", "97, kmalloc-128", "100, kmalloc-128", "129, kmalloc-192",
        "150, kmalloc-192", "192, kmalloc-192", "193, kmalloc-256", "250, kmalloc-256", "257, kmalloc-512",
        "1000, kmalloc-1k", "1500, kmalloc-2k", "4097, kmalloc-8k", "8192, kmalloc-8k"})
    void roundsLikeKmallocSlab(long size, String cache) {
        assertThat(Kmalloc.cacheName(size, Gfp.GFP_KERNEL)).isEqualTo(cache);
        long p = kmalloc.kmalloc(size, Gfp.GFP_KERNEL, 0);
        assertThat(rig.slab.cacheOf(p).orElseThrow().name()).isEqualTo(cache);
        kmalloc.kfree(p, 1);
        rig.check();
    }

    @Test
    void seedExamplesRoundToPowersOfTwo() {
        assertThat(Kmalloc.roundedSize(100)).isEqualTo(128);
        assertThat(Kmalloc.roundedSize(250)).isEqualTo(256);
        assertThat(Kmalloc.roundedSize(1000)).isEqualTo(1024);
        assertThat(Kmalloc.roundedSize(1500)).isEqualTo(2048);
    }

    @Test
    void zeroSizeGivesZeroSizePtrAndFreeingNullDoesNothing() {
        assertThat(kmalloc.kmalloc(0, Gfp.GFP_KERNEL, 0)).isEqualTo(16);
        kmalloc.kfree(0, 0);
        kmalloc.kfree(Kmalloc.ZERO_SIZE_PTR, 0);
        assertThat(rig.log.lines()).isEmpty();
        assertThat(kmalloc.ksize(Kmalloc.ZERO_SIZE_PTR)).isZero();
        rig.check();
    }

    @Test
    void familiesFollowTheGfpFlags() {
        assertThat(Kmalloc.cacheName(100, Gfp.GFP_KERNEL_ACCOUNT)).isEqualTo("kmalloc-cg-128");
        assertThat(Kmalloc.cacheName(100, Gfp.GFP_KERNEL.or(Gfp.__GFP_RECLAIMABLE))).isEqualTo("kmalloc-rcl-128");
        assertThat(Kmalloc.cacheName(100, Gfp.GFP_KERNEL.or(Gfp.__GFP_DMA))).isEqualTo("dma-kmalloc-128");
        // __GFP_DMA wins over __GFP_RECLAIMABLE, which wins over __GFP_ACCOUNT.
        assertThat(Kmalloc.cacheName(100, Gfp.GFP_KERNEL_ACCOUNT.or(Gfp.__GFP_RECLAIMABLE))).isEqualTo("kmalloc-rcl-128");
    }

    @Test
    void reclaimableKmallocCountsAsSReclaimableAndDmaComesFromZoneDma() {
        long rcl = kmalloc.kmalloc(100, Gfp.GFP_KERNEL.or(Gfp.__GFP_RECLAIMABLE), 0);
        assertThat(rig.slab.reclaimableBytes()).isEqualTo(4096); // one order-0 kmalloc-rcl-128 slab
        assertThat(rig.slab.unreclaimableBytes()).isZero();
        long dma = kmalloc.kmalloc(100, Gfp.GFP_KERNEL.or(Gfp.__GFP_DMA), 0);
        long pfn = (dma - 0xffff888000000000L) >> 12;
        assertThat(rig.pages.zoneOf(pfn)).isEqualTo(ZoneType.DMA);
        kmalloc.kfree(rcl, 0);
        kmalloc.kfree(dma, 0);
        rig.check();
    }

    @Test
    void atomicKmallocOf1500BytesIsServedFromKmalloc2k() {
        long p = kmalloc.kmalloc(1500, Gfp.GFP_ATOMIC, 1);
        assertThat(p).isNotZero();
        assertThat(rig.slab.cacheOf(p).orElseThrow().name()).isEqualTo("kmalloc-2k");
        assertThat(kmalloc.ksize(p)).isEqualTo(2048);
        // kmalloc-2k is order 3: one slab of 8 pages is now SUnreclaim.
        assertThat(rig.slab.unreclaimableBytes()).isEqualTo(8 * 4096);
        assertThat(rig.pages.counter("allocstall_normal") + rig.pages.counter("allocstall_dma32")).isZero();
        kmalloc.kfree(p, 1);
        rig.check();
    }

    @Test
    void largeKmallocTakesCompoundPagesAndGivesThemBack() {
        long before = freePages();
        long p = kmalloc.kmalloc(10000, Gfp.GFP_KERNEL, 0);
        // get_order(10000) = 2: 4 pages, 16 KiB, counted in SUnreclaim.
        assertThat(freePages()).isEqualTo(before - 4);
        assertThat(rig.slab.unreclaimableBytes()).isEqualTo(16384);
        assertThat(kmalloc.ksize(p)).isEqualTo(16384);
        assertThat(rig.slab.cacheOf(p)).isEmpty();
        rig.slab.writeObject(p + 9000, "tail".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(rig.slab.readObject(p + 9000, 4), StandardCharsets.US_ASCII)).isEqualTo("tail");
        kmalloc.kfree(p, 0);
        assertThat(freePages()).isEqualTo(before);
        assertThat(rig.slab.unreclaimableBytes()).isZero();
        rig.check();
    }

    @Test
    void aboveKmallocMaxSizeFailsWithTheAllocatorsWarning() {
        assertThat(kmalloc.kmalloc(Kmalloc.KMALLOC_MAX_SIZE, Gfp.GFP_KERNEL, 0)).isNotZero();
        assertThat(kmalloc.kmalloc(Kmalloc.KMALLOC_MAX_SIZE + 1, Gfp.GFP_KERNEL, 0)).isZero();
        assertThat(rig.lines()).containsExactly("------------[ cut here ]------------",
                "WARNING: CPU: 0 PID: 0 at mm/page_alloc.c __alloc_frozen_pages_noprof");
    }

    @Test
    void dataWrittenIsDataReadBack() {
        long p = kmalloc.kmalloc(100, Gfp.GFP_KERNEL, 0);
        rig.slab.writeObject(p, "hello, slab".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(rig.slab.readObject(p, 11), StandardCharsets.US_ASCII)).isEqualTo("hello, slab");
        long q = kmalloc.kmalloc(100, Gfp.GFP_KERNEL.or(Gfp.__GFP_ZERO), 0);
        assertThat(rig.slab.readObject(q, 100)).containsOnly(0);
        kmalloc.kfree(p, 0);
        kmalloc.kfree(q, 0);
        rig.check();
    }

    @Test
    void aRemoteNodeRequestIsServedLocallyAndCounted() {
        long p = kmalloc.kmalloc(64, Gfp.GFP_KERNEL, 0, 1);
        assertThat(p).isNotZero();
        assertThat(kmalloc.remoteNodeRequests()).isEqualTo(1);
        kmalloc.kfree(p, 0);
        rig.check();
    }
}
