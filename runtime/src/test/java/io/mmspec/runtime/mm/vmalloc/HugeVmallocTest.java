package io.mmspec.runtime.mm.vmalloc;

import static io.mmspec.runtime.mm.vmalloc.Kernel.KB;
import static io.mmspec.runtime.mm.vmalloc.Kernel.MB;
import static io.mmspec.runtime.mm.vmalloc.Kernel.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * vmalloc_huge(): VM_ALLOW_HUGE_VMAP with size &gt;= PMD_SIZE maps 2 MB pages (the area 2 MB
 * aligned, the size rounded up to 2 MB); without an order-9 block it retries with 4 KB pages.
 */
class HugeVmallocTest {
    @Test
    void fourMegabytesMapTwoPmdPagesOfContiguousFrames() {
        Kernel k = Kernel.boot(256 * MB, 2);

        long addr = k.vmalloc.vmallocHuge(4 * MB, Gfp.GFP_KERNEL, "huge");

        VmStruct vm = k.vmalloc.findVmArea(addr).orElseThrow();
        assertThat(addr).isEqualTo(START);                       // VMALLOC_START is 2 MB aligned
        assertThat(vm.pageOrder()).isEqualTo(9);
        assertThat(vm.mappings()).isEqualTo(2);                  // two PMD leaves
        assertThat(vm.nrPages()).isEqualTo(1024);                // tracked per 4 KB page
        assertThat(vm.size()).isEqualTo(4 * MB + 4 * KB);
        long[] pfns = k.pfns(addr, 4 * MB);
        for (int half = 0; half < 2; half++) {
            long head = pfns[half * 512];
            assertThat(head % 512).as("order-9 block %d aligned", half).isZero();
            for (int i = 1; i < 512; i++) {
                assertThat(pfns[half * 512 + i]).isEqualTo(head + i);
            }
        }
        k.vmalloc.checkInvariants();
    }

    @Test
    void aSizeBetweenPmdMultiplesIsRoundedUpToTheNextTwoMegabytes() {
        Kernel k = Kernel.boot(256 * MB, 2);

        long addr = k.vmalloc.vmallocHuge(3 * MB, Gfp.GFP_KERNEL, "huge");

        VmStruct vm = k.vmalloc.findVmArea(addr).orElseThrow();
        assertThat(vm.nrPages()).isEqualTo(1024);
        assertThat(vm.mappings()).isEqualTo(2);
    }

    @Test
    void belowPmdSizeOrAfterNohugevmallocTheMappingIsSmallPages() {
        Kernel k = Kernel.boot(256 * MB, 2);
        Kernel off = new Kernel(256 * MB, VmallocConfig.of(2).withoutHugeVmalloc());

        VmStruct small = k.vmalloc.findVmArea(k.vmalloc.vmallocHuge(1 * MB, Gfp.GFP_KERNEL, "s")).orElseThrow();
        VmStruct plain = k.vmalloc.findVmArea(k.vmalloc.vmalloc(4 * MB, Gfp.GFP_KERNEL, "p")).orElseThrow();
        VmStruct disabled = off.vmalloc.findVmArea(off.vmalloc.vmallocHuge(4 * MB, Gfp.GFP_KERNEL, "d")).orElseThrow();

        assertThat(small.pageOrder()).isZero();
        assertThat(small.nrPages()).isEqualTo(256);
        assertThat(plain.pageOrder()).isZero();
        assertThat(disabled.pageOrder()).isZero();
        assertThat(disabled.mappings()).isEqualTo(1024);
    }

    @Test
    void fallsBackToSmallPagesWhenNoOrderNineBlockIsFree() {
        Kernel k = Kernel.boot(64 * MB, 1);
        // Take every page we can, give back every other one: 0-order holes only.
        List<Long> held = new ArrayList<>();
        for (long pfn; (pfn = k.pages.allocPages(0, Gfp.GFP_KERNEL.or(Gfp.__GFP_NOWARN), 0)) != PageAllocator.NO_PAGE; ) {
            held.add(pfn);
        }
        for (int i = 0; i < held.size(); i += 2) {
            k.pages.freePages(held.get(i), 0, 0);
        }
        k.pages.drainAllPages();

        long addr = k.vmalloc.vmallocHuge(4 * MB, Gfp.GFP_KERNEL, "huge");

        // The huge try took START (4 MB + guard = 1025 pages) and its pages array (2 + 1 pages
        // at START + 1025 pages), found no order-9 block and vfree()d both: they are lazy.
        // The 4 KB retry comes right after them, with no warning (page_order != 0).
        assertThat(addr).isEqualTo(START + (1025 + 3) * 4 * KB);
        VmStruct vm = k.vmalloc.findVmArea(addr).orElseThrow();
        assertThat(vm.pageOrder()).isZero();
        assertThat(vm.nrPages()).isEqualTo(1024);
        assertThat(k.vmalloc.lazyPages()).isEqualTo(1025 + 3);
        assertThat(k.log.lines()).isEmpty();
        assertThat(k.vmallocinfo()).containsExactly(
                "0xffffc90000404000-0xffffc90000805000 4198400 huge pages=1024 vmalloc vpages N0=1024",
                "0xffffc90000805000-0xffffc90000808000   12288 huge pages=2 vmalloc N0=2",
                "0xffffc90000000000-0xffffc90000401000 4198400 unpurged vm_area",
                "0xffffc90000401000-0xffffc90000404000   12288 unpurged vm_area");
        k.vmalloc.checkInvariants();
    }
}
