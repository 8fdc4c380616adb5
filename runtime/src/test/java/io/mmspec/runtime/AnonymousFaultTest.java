package io.mmspec.runtime;

import io.mmspec.runtime.mm.memory.ThpMode;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.Test;

/**
 * Anonymous memory end to end (mm/memory.c: do_anonymous_page, mm/huge_memory.c:
 * do_huge_pmd_anonymous_page): how many faults writing or reading it takes, and what it costs.
 */
class AnonymousFaultTest {
    private static final long MB = 1 << 20;

    @Test
    void writingTenMegabytesTakesOneFaultPerPageWithThpNever() {
        CheckedMachine m = CheckedMachine.boot(256, 1, b -> b.thp(ThpMode.NEVER));
        Task p = m.spawn("p", 100);
        long buf = m.mmapAnon(p, 0, 10 * MB, Prot.READ | Prot.WRITE);
        m.writeEachPage(p, buf, 10 * MB, 'x');
        // 10 MB / 4 KB = 2560 pages, each written once: one do_anonymous_page fault each
        assertThat(m.machine()).process("p").hasMinorFaults(2560).hasMajorFaults(0).hasAnonRss(10 * MB)
                .machine().hasVmstat("pgfault", 2560).hasVmstat("thp_fault_alloc", 0)
                .hasMeminfo("AnonPages", 10240).hasMeminfo("AnonHugePages", 0);
    }

    @Test
    void writingTenMegabytesTakesFiveHugeFaultsWithThpAlways() {
        CheckedMachine m = CheckedMachine.boot(256, 1, b -> b.thp(ThpMode.ALWAYS));
        Task p = m.spawn("p", 100);
        long buf = m.mmapAnon(p, 0, 10 * MB, Prot.READ | Prot.WRITE);
        // a length that is a multiple of 2 MB gets a 2 MB aligned address (thp_get_unmapped_area)
        assertThat(buf % (2 * MB)).isZero();
        m.writeEachPage(p, buf, 10 * MB, 'x');
        // five aligned 2 MB ranges: the first write in each maps a PMD; the other 511 pages hit it
        assertThat(m.machine()).process("p").hasMinorFaults(5).hasAnonRss(10 * MB)
                .machine().hasVmstat("pgfault", 5).hasVmstat("thp_fault_alloc", 5)
                .hasVmstat("thp_fault_fallback", 0).hasMeminfo("AnonHugePages", 10240)
                .hasMeminfo("AnonPages", 10240);
    }

    @Test
    void readingUntouchedPagesMapsTheZeroPageAndAddsNoRss() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b.thp(ThpMode.NEVER));
        Task p = m.spawn("p", 100);
        long buf = m.mmapAnon(p, 0x7f0000000000L, 256 * CheckedMachine.PAGE, Prot.READ | Prot.WRITE);
        long anonBefore = m.machine().proc().meminfo().get(io.mmspec.runtime.proc.MeminfoField.ANON_PAGES);
        long freeBefore = m.freePagesWithPcp();
        m.readEachPage(p, buf, 256 * CheckedMachine.PAGE);
        // 256 read faults, each mapping the shared zero page read-only: no allocation, no RSS
        assertThat(m.machine()).process("p").hasMinorFaults(256).hasRss(0).reads("\0", buf)
                .machine().hasMeminfo("AnonPages", anonBefore);
        // the page tables below the PGD (which came with the mm): one PUD, one PMD and one PTE
        // table, since the 1 MB at a 2 MB aligned address sits in one PTE table
        long pageTablePages = 3;
        assertThat(m.freePagesWithPcp()).isEqualTo(freeBefore - pageTablePages);

        m.writeEachPage(p, buf, 256 * CheckedMachine.PAGE, 'w');
        // each write finds a read-only zero-page PTE: do_wp_page copies (zero-fills) one page each
        assertThat(m.machine()).process("p").hasMinorFaults(512).hasAnonRss(256 * CheckedMachine.PAGE)
                .reads("w", buf + 255 * CheckedMachine.PAGE).machine().hasVmstat("pgreuse", 0)
                .hasMeminfo("AnonPages", anonBefore + 1024);
    }
}
