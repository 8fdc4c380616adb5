package io.mmspec.runtime.mm.vmalloc;

import static io.mmspec.runtime.mm.vmalloc.Kernel.KB;
import static io.mmspec.runtime.mm.vmalloc.Kernel.MB;
import static io.mmspec.runtime.mm.vmalloc.Kernel.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.TraceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed's vmalloc.c examples with the kernel's numbers. */
class VmallocTest {
    private final Kernel k = Kernel.boot(256 * MB, 2);

    @Test
    void tenMegabytesAre2560PagesPlusAGuardPage() {
        long addr = k.vmalloc.vmalloc(10 * MB, Gfp.GFP_KERNEL, "module_area");
        k.vmalloc.checkInvariants();

        // RANDOMIZE_MEMORY off, empty range: the first fit is VMALLOC_START itself.
        assertThat(addr).isEqualTo(START);
        VmStruct vm = k.vmalloc.findVmArea(addr).orElseThrow();
        assertThat(vm.nrPages()).isEqualTo(2560);                 // 10 MiB / 4 KiB
        assertThat(vm.size()).isEqualTo(10 * MB + 4 * KB);        // __get_vm_area_node: + PAGE_SIZE
        assertThat(vm.pageOrder()).isZero();
        // The pages array (2560 pointers = 20480 bytes > PAGE_SIZE) is vmalloc'd itself:
        // 5 pages more in VmallocUsed, in an area of 5 + 1 guard pages right after the guard.
        assertThat(vm.vpages()).isTrue();
        assertThat(k.vmalloc.nrPages()).isEqualTo(2560 + 5);
        assertThat(k.vmallocinfo()).containsExactly(
                "0xffffc90000000000-0xffffc90000a01000 10489856 module_area pages=2560 vmalloc vpages N0=2560",
                "0xffffc90000a01000-0xffffc90000a07000   24576 module_area pages=5 vmalloc N0=5");
        assertThat(k.vmalloc.vmallocinfo()).endsWith("N0=5\n");
    }

    @Test
    void nextVmallocStartsAfterTheGuardPage() {
        long first = k.vmalloc.vmalloc(16 * KB, Gfp.GFP_KERNEL, "a");   // 4 pointers: kmalloc'd array
        long second = k.vmalloc.vmalloc(16 * KB, Gfp.GFP_KERNEL, "b");

        assertThat(second - first).isEqualTo(16 * KB + 4 * KB);
        assertThat(k.vmalloc.translate(first + 16 * KB)).isEmpty();     // the guard page between them
        assertThat(k.vmalloc.translate(second)).isPresent();
        assertThat(k.vmallocinfo()).containsExactly(
                "0xffffc90000000000-0xffffc90000005000   20480 a pages=4 vmalloc N0=4",
                "0xffffc90000005000-0xffffc9000000a000   20480 b pages=4 vmalloc N0=4");
    }

    @Test
    void aRequestIsRoundedUpToWholePages() {
        long addr = k.vmalloc.vmalloc(5000, Gfp.GFP_KERNEL, "c");

        VmStruct vm = k.vmalloc.findVmArea(addr).orElseThrow();
        assertThat(vm.nrPages()).isEqualTo(2);                  // PAGE_ALIGN(5000) = 8192
        assertThat(vm.size()).isEqualTo(12 * KB);
        TraceEvent event = k.trace.events().get(0);
        assertThat(event.kind()).isEqualTo(EventKind.VMALLOC);
        assertThat(event.longField("addr")).isEqualTo(START);
        assertThat(event.longField("size")).isEqualTo(5000);
        assertThat(event.longField("pages")).isEqualTo(2);
        assertThat(event.stringField("caller")).isEqualTo("c");
    }

    @Test
    void pagesAreScatteredWhenTheFreeListsAreFragmented() {
        // Take 64 single pages, give back every other one: the free pages are now isolated
        // frames between held ones, and vmalloc takes those first (per-CPU list, then order 0).
        List<Long> held = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            held.add(k.pages.allocPages(0, Gfp.GFP_KERNEL, 0));
        }
        List<Long> returned = new ArrayList<>();
        for (int i = 0; i < 64; i += 2) {
            k.pages.freePages(held.get(i), 0, 0);
            returned.add(held.get(i));
        }

        long addr = k.vmalloc.vmalloc(32 * 4 * KB, Gfp.GFP_KERNEL, "scatter");
        long[] pfns = k.pfns(addr, 32 * 4 * KB);

        assertThat(Arrays.stream(pfns).boxed()).containsExactlyInAnyOrderElementsOf(returned);
        for (int i = 1; i < pfns.length; i++) {
            assertThat(Math.abs(pfns[i] - pfns[i - 1])).as("virtual pages %d and %d", i - 1, i).isNotEqualTo(1);
        }
        k.vmalloc.checkInvariants();
    }

    @Test
    void pagesHappenToBeContiguousOnAFreshMachine() {
        // Nothing guarantees it: the buddy allocator splits one large block into the per-CPU
        // list in pfn order, so a fresh machine hands out consecutive frames.
        long addr = k.vmalloc.vmalloc(32 * 4 * KB, Gfp.GFP_KERNEL, "fresh");
        long[] pfns = k.pfns(addr, 32 * 4 * KB);

        for (int i = 1; i < pfns.length; i++) {
            assertThat(pfns[i]).isEqualTo(pfns[i - 1] + 1);
        }
    }

    @Test
    void writingOneBytePastTheEndFaultsInTheGuardPage() {
        long addr = k.vmalloc.vmalloc(10 * MB, Gfp.GFP_KERNEL, "module_area");

        AccessResult last = k.vmalloc.access(addr + 10 * MB - 1, true);
        AccessResult past = k.vmalloc.access(addr + 10 * MB, true);

        assertThat(last.faulted()).isFalse();
        assertThat(past.faulted()).isTrue();
        assertThat(past.errorCode()).isEqualTo(0x2);
        assertThat(past.oops()).containsExactly(
                "BUG: unable to handle page fault for address: ffffc90000a00000",
                "#PF: supervisor write access in kernel mode",
                "#PF: error_code(0x0002) - not-present page");
        assertThat(k.vmalloc.access(addr + 10 * MB + 5, false).oops()).containsExactly(
                "BUG: unable to handle page fault for address: ffffc90000a00005",
                "#PF: supervisor read access in kernel mode",
                "#PF: error_code(0x0000) - not-present page");
    }

    @Test
    void aCopyOverrunningTheAreaWritesUpToTheGuardThenOopses() {
        long addr = k.vmalloc.vmalloc(8 * KB, Gfp.GFP_KERNEL, "buf");

        assertThatThrownBy(() -> k.vmalloc.write(addr + 8 * KB - 2, new byte[] {7, 8, 9}))
                .isInstanceOfSatisfying(VmallocFault.class, fault -> assertThat(fault.result().address())
                        .isEqualTo(addr + 8 * KB));
        assertThat(k.vmalloc.read(addr + 8 * KB - 2, 2)).containsExactly(7, 8);
    }

    @Test
    void dataWrittenReadsBackAcrossPageBoundaries() {
        long addr = k.vmalloc.vmalloc(3 * 4 * KB, Gfp.GFP_KERNEL, "data");
        byte[] data = new byte[6000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 1);
        }

        k.vmalloc.write(addr + 3000, data);

        assertThat(k.vmalloc.read(addr + 3000, data.length)).isEqualTo(data);
        assertThat(k.vmalloc.read(addr, 16)).containsOnly(0);
        // The bytes live in the physical page: the second virtual page's frame holds byte 1096.
        long pfn = k.vmalloc.translate(addr + 4 * KB).orElseThrow();
        assertThat(k.pages.memMap().readByte(pfn, 0)).isEqualTo(data[4096 - 3000]);
    }

    @Test
    void vfreeOfNullDoesNothingAndOfAnUnknownAddressWarns() {
        long addr = k.vmalloc.vmalloc(4 * KB, Gfp.GFP_KERNEL, "x");

        k.vmalloc.vfree(0);
        k.vmalloc.vfree(addr + 4 * KB);

        assertThat(k.logText()).containsExactly(
                "------------[ cut here ]------------",
                "Trying to vfree() nonexistent vm area (ffffc90000001000)");
        assertThat(k.vmalloc.nrPages()).isEqualTo(1);
        k.vmalloc.checkInvariants();
    }

    @Test
    void vfreeUnmapsAtOnceAndFreesThePages() {
        long free = k.freePagesDrained();
        long addr = k.vmalloc.vmalloc(10 * MB, Gfp.GFP_KERNEL, "module_area");

        k.vmalloc.vfree(addr);

        assertThat(k.vmalloc.translate(addr)).isEmpty();
        assertThat(k.vmalloc.access(addr, false).faulted()).isTrue();
        assertThat(k.vmalloc.nrPages()).isZero();
        assertThat(k.freePagesDrained()).isEqualTo(free);
        assertThat(k.flushes).isEmpty();                 // lazy: no TLB flush yet
        assertThat(k.vmalloc.lazyPages()).isEqualTo(2561 + 6);
        k.vmalloc.checkInvariants();
    }

    @Test
    void aRequestAboveTotalRamFailsWithExceedsTotalPages() {
        long total = k.pages.totalramPages();

        long addr = k.vmalloc.vmalloc((total + 1) * 4 * KB, Gfp.GFP_KERNEL, "huge");

        assertThat(addr).isZero();
        assertThat(k.logText()).containsExactly("swapper/0: vmalloc error: size " + (total + 1) * 4 * KB
                + ", exceeds total pages, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0");
    }

    @Test
    void failureMidwayFreesEveryPageTakenAndWarns() {
        Kernel small = Kernel.boot(64 * MB, 1);
        long free = small.freePagesDrained();

        // 60 MiB is below totalram but above what GFP_KERNEL may take above the min watermark.
        long addr = small.vmalloc.vmalloc(60 * MB, Gfp.GFP_KERNEL, "too_big");

        assertThat(addr).isZero();
        assertThat(small.vmalloc.nrPages()).isZero();
        assertThat(small.freePagesDrained()).isEqualTo(free);
        List<String> log = small.logText();
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).matches("swapper/0: vmalloc error: size \\d+, failed to allocate pages, "
                + "mode:0xcc2\\(GFP_KERNEL\\|__GFP_HIGHMEM\\), nodemask=\\(null\\),cpuset=/,mems_allowed=0");
        long reported = Long.parseLong(log.get(0).replaceAll(".*size (\\d+),.*", "$1"));
        assertThat(reported).isPositive().isLessThan(60 * MB).isEqualTo(reported / 4096 * 4096);
        // The failed area (15360 + 1 pages) and its pages array (30 + 1) went to the lazy list:
        // 15392 pages, above lazy_max_pages() of one CPU (8192), so the drain purged them.
        assertThat(small.vmalloc.lazyPages()).isZero();
        assertThat(small.flushes).containsExactly(new long[] {START, START + 15392 * 4 * KB});
        small.vmalloc.checkInvariants();
    }

    @Test
    void noWarnSilencesTheFailure() {
        Kernel small = Kernel.boot(64 * MB, 1);

        long addr = small.vmalloc.vmalloc(60 * MB, Gfp.GFP_KERNEL.or(Gfp.__GFP_NOWARN), "quiet");

        assertThat(addr).isZero();
        assertThat(small.log.lines()).isEmpty();
    }

    @Test
    void aFullRangeIsPurgedOnceBeforeTheAllocationFails() {
        // A 15-page range: VMALLOC_END = VMALLOC_START + 60 KiB - 1.
        Kernel tiny = new Kernel(64 * MB, new VmallocConfig(1, START, START + 60 * KB - 1, true));
        long first = tiny.vmalloc.vmalloc(32 * KB, Gfp.GFP_KERNEL, "a");     // 8 + 1 pages
        tiny.vmalloc.vfree(first);                                            // lazy, not free

        long second = tiny.vmalloc.vmalloc(32 * KB, Gfp.GFP_KERNEL, "b");    // 6 pages free: purge, retry

        assertThat(second).isEqualTo(START);
        assertThat(tiny.flushes).hasSize(1);
        long third = tiny.vmalloc.vmalloc(32 * KB, Gfp.GFP_KERNEL, "c");
        assertThat(third).isZero();
        assertThat(tiny.logText()).containsExactly(
                "vmalloc_node_range for size 36864 failed: Address range restricted to "
                        + "0xffffc90000000000 - 0xffffc9000000efff",
                "swapper/0: vmalloc error: size 32768, vm_struct allocation failed, mode:0xcc0(GFP_KERNEL), "
                        + "nodemask=(null),cpuset=/,mems_allowed=0");
        tiny.vmalloc.checkInvariants();
    }

    @Test
    void aFreedRangeIsReusedOnlyAfterThePurge() {
        long a = k.vmalloc.vmalloc(16 * KB, Gfp.GFP_KERNEL, "a");
        k.vmalloc.vfree(a);
        long b = k.vmalloc.vmalloc(16 * KB, Gfp.GFP_KERNEL, "b");
        k.vmalloc.purge();
        long c = k.vmalloc.vmalloc(16 * KB, Gfp.GFP_KERNEL, "c");

        assertThat(b).isEqualTo(a + 20 * KB);      // a's range is still lazy: first fit skips it
        assertThat(c).isEqualTo(a);                // purged: lowest address again
    }
}
