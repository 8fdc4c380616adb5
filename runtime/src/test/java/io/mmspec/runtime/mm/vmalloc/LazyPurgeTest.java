package io.mmspec.runtime.mm.vmalloc;

import static io.mmspec.runtime.mm.vmalloc.Kernel.KB;
import static io.mmspec.runtime.mm.vmalloc.Kernel.MB;
import static io.mmspec.runtime.mm.vmalloc.Kernel.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * vfree() batches TLB flushes: freed ranges wait on the lazy list until vmap_lazy_nr exceeds
 * lazy_max_pages() = fls(cpus) * 8192 pages, then one flush covers them all.
 *
 * <p>Each 10 MiB vmalloc is two areas: 2560 pages + guard, and its vmalloc'd pages array of
 * 5 pages + guard. A vfree adds 2561 + 6 = 2567 pages to vmap_lazy_nr.
 */
class LazyPurgeTest {
    private static final long PER_VFREE = 2561 + 6;

    @ParameterizedTest(name = "{0} CPUs: lazy_max_pages {1}, the flush comes with vfree number {2}")
    @CsvSource({
        "1, 8192, 4",     // fls(1) = 1: 32 MiB;  3 * 2567 = 7701,  4 * 2567 = 10268 > 8192
        "2, 16384, 7",    // fls(2) = 2: 64 MiB;  6 * 2567 = 15402, 7 * 2567 = 17969 > 16384
        "8, 32768, 13",   // fls(8) = 4: 128 MiB; 12 * 2567 = 30804, 13 * 2567 = 33371 > 32768
    })
    void vfreeFlushesOnceWhenTheLazyPagesCrossTheThreshold(int cpus, long lazyMax, int flushingVfree) {
        Kernel k = Kernel.boot(512 * MB, cpus);
        assertThat(k.vmalloc.lazyMaxPages()).isEqualTo(lazyMax);
        long[] areas = new long[flushingVfree];
        for (int i = 0; i < areas.length; i++) {
            areas[i] = k.vmalloc.vmalloc(10 * MB, Gfp.GFP_KERNEL, "module_area");
        }

        for (int i = 0; i < flushingVfree - 1; i++) {
            k.vmalloc.vfree(areas[i]);
            k.vmalloc.checkInvariants();
            assertThat(k.flushes).isEmpty();
            assertThat(k.vmalloc.lazyPages()).isEqualTo((i + 1) * PER_VFREE);
        }
        k.vmalloc.vfree(areas[flushingVfree - 1]);

        // One flush from the lowest lazy va_start to the highest va_end: the areas were laid
        // out back to back from VMALLOC_START, so the span is every lazy page.
        assertThat(k.flushes).hasSize(1);
        assertThat(k.flushes.get(0)).containsExactly(START, START + flushingVfree * PER_VFREE * 4 * KB);
        assertThat(k.vmalloc.purges()).isEqualTo(1);
        assertThat(k.vmalloc.tlbFlushes()).isEqualTo(1);
        assertThat(k.vmalloc.lazyPages()).isZero();
        TraceEvent purge = k.trace.events().stream().filter(e -> e.kind() == EventKind.VMAP_PURGE)
                .findFirst().orElseThrow();
        assertThat(purge.longField("pages")).isEqualTo(flushingVfree * PER_VFREE);
        assertThat(purge.longField("start")).isEqualTo(START);
        assertThat(purge.longField("areas")).isEqualTo(2L * flushingVfree);
        k.vmalloc.checkInvariants();
    }

    @Test
    void lazyAreasShowAsUnpurgedInVmallocinfo() {
        Kernel k = Kernel.boot(256 * MB, 1);
        long a = k.vmalloc.vmalloc(8 * KB, Gfp.GFP_KERNEL, "a");
        long b = k.vmalloc.vmalloc(8 * KB, Gfp.GFP_KERNEL, "b");

        k.vmalloc.vfree(a);

        assertThat(k.vmallocinfo()).containsExactly(
                "0xffffc90000003000-0xffffc90000006000   12288 b pages=2 vmalloc N0=2",
                "0xffffc90000000000-0xffffc90000003000   12288 unpurged vm_area");
        assertThat(b).isEqualTo(START + 12 * KB);
    }

    @Test
    void explicitPurgeFlushesTheSpanOfTheLazyAreasOnlyWhenThereAreAny() {
        Kernel k = Kernel.boot(256 * MB, 2);
        long a = k.vmalloc.vmalloc(8 * KB, Gfp.GFP_KERNEL, "a");
        long b = k.vmalloc.vmalloc(8 * KB, Gfp.GFP_KERNEL, "b");
        long c = k.vmalloc.vmalloc(8 * KB, Gfp.GFP_KERNEL, "c");
        k.vmalloc.vfree(a);
        k.vmalloc.vfree(c);

        k.vmalloc.purge();
        k.vmalloc.purge();

        // The span covers b too, still live: flush_tlb_kernel_range() takes one range.
        assertThat(k.flushes).hasSize(1);
        assertThat(k.flushes.get(0)).containsExactly(a, c + 12 * KB);
        assertThat(k.vmalloc.purges()).isEqualTo(1);
        assertThat(k.vmalloc.translate(b)).isPresent();
        assertThat(k.vmallocinfo()).containsExactly(
                "0xffffc90000003000-0xffffc90000006000   12288 b pages=2 vmalloc N0=2");
        k.vmalloc.checkInvariants();
    }

    @Test
    void vmallocinfoWalksTheVmapNodesInTurn() {
        // Two CPUs, two vmap nodes: an area belongs to node (va_start / 64 KiB) % 2.
        Kernel k = Kernel.boot(256 * MB, 2);
        k.vmalloc.vmalloc(60 * KB, Gfp.GFP_KERNEL, "a");   // 0x00000, node 0
        k.vmalloc.vmalloc(60 * KB, Gfp.GFP_KERNEL, "b");   // 0x10000, node 1
        k.vmalloc.vmalloc(60 * KB, Gfp.GFP_KERNEL, "c");   // 0x20000, node 0

        assertThat(k.vmallocinfo()).containsExactly(
                "0xffffc90000000000-0xffffc90000010000   65536 a pages=15 vmalloc N0=15",
                "0xffffc90000020000-0xffffc90000030000   65536 c pages=15 vmalloc N0=15",
                "0xffffc90000010000-0xffffc90000020000   65536 b pages=15 vmalloc N0=15");
    }
}
