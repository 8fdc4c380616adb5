package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.TB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cost follows work: a 1 TiB machine boots and works with struct pages for a few sections. */
class LargeMachineTest {

    @Test
    void aOneTerabyteMachineBootsAndAllocatesWithFewMaterialisedSections() {
        PageAllocator a = Machines.boot(TB, 8);
        // 2^28 pages; only section 0 (pfn 0 reserved, DMA's small boot blocks) has struct pages
        assertThat(a.memMap().totalPages()).isEqualTo(1L << 28);
        assertThat(a.totalramPages()).isEqualTo((1L << 28) - 1);
        assertThat(a.memMap().materialisedSections()).isEqualTo(1);
        String atBoot = a.buddyinfo();
        // Normal: (2^28 - 2^20) / 1024 = 261120 untouched order-10 blocks
        assertThat(a.zone(ZoneType.NORMAL).freeBlocks(10)).isEqualTo(261120);
        a.checkInvariants();

        long[] pfns = new long[10_000];
        for (int i = 0; i < pfns.length; i++) {
            pfns[i] = a.allocPages(0, Gfp.GFP_KERNEL, i % 8);
            assertThat(pfns[i]).isNotEqualTo(PageAllocator.NO_PAGE);
            a.memMap().writeByte(pfns[i], 0, (byte) i);
        }
        // 10000 pages plus per-CPU refills fit in a few 4 MiB blocks at the start of Normal (section 32)
        assertThat(a.memMap().materialisedSections()).isLessThanOrEqualTo(3);
        assertThat(a.zoneOf(pfns[0])).isEqualTo(ZoneType.NORMAL);
        a.checkInvariants();

        for (int i = 0; i < pfns.length; i++) {
            assertThat(a.memMap().readByte(pfns[i], 0)).isEqualTo((byte) i);
            a.freePages(pfns[i], 0, i % 8);
        }
        a.drainAllPages();
        assertThat(a.buddyinfo()).isEqualTo(atBoot);
        assertThat(a.nrFreePages()).isEqualTo((1L << 28) - 1);
        assertThat(a.counter("pgalloc_normal")).isEqualTo(10_000);
        assertThat(a.counter("pgfree")).isEqualTo(10_000);
        a.checkInvariants();
    }
}
