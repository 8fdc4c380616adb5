package io.mmspec.runtime;

import io.mmspec.runtime.mm.memory.ThpMode;
import static io.mmspec.runtime.CheckedMachine.PAGE;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;

import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.Madvise;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * A system call on part of a PMD-mapped THP splits the PMD first (mm/huge_memory.c:
 * split_huge_pmd_address from vma_adjust_trans_huge when a VMA is split, __split_huge_pmd from
 * zap_pmd_range and change_pmd_range for a partial range), then works on 4 KB PTEs.
 */
class HugePageSplitTest {
    private static final long MB = 1 << 20;
    private static final String NO_SPLIT = " meets the huge PMD leaf straddling its range (PageTable: 'split it"
            + " first'); nothing calls __split_huge_pmd for a partial range (zap_pmd_range, change_pmd_range,"
            + " vma_adjust_trans_huge)";

    private CheckedMachine m;
    private Task p;
    private long huge;

    /** One 2 MB THP, written: one fault, 2048 kB of AnonHugePages. */
    @BeforeEach
    void oneHugePage() {
        m = CheckedMachine.boot(64, 1, b -> b.thp(ThpMode.ALWAYS));
        p = m.spawn("p", 100);
        huge = m.mmapAnon(p, 0, 2 * MB, Prot.READ | Prot.WRITE);
        m.write(p, huge, "head");
        m.write(p, huge + MB, "middle");
        assertThat(m.machine()).process("p").hasMinorFaults(1).machine().hasMeminfo("AnonHugePages", 2048);
    }

    @Test
    void writingTheWholeHugePageTakesOneFault() {
        m.writeEachPage(p, huge, 2 * MB, 'x');
        assertThat(m.machine()).process("p").hasMinorFaults(1).hasAnonRss(2 * MB);
    }



    @Test
    void munmapOfOnePageSplitsThePmdAndFreesThatPage() {
        m.step(() -> m.sys().munmap(p, huge + MB, PAGE));
        // the PMD becomes 512 PTEs, one of them is zapped: 511 pages stay mapped
        assertThat(m.machine()).hasVmstat("thp_split_pmd", 1).process("p").hasAnonRss(2 * MB - PAGE)
                .reads("head", huge).vmas().hasSize(2);
    }



    @Test
    void mprotectOfOnePageSplitsThePmd() {
        m.mprotect(p, huge + MB, PAGE, Prot.READ);
        assertThat(m.machine()).hasVmstat("thp_split_pmd", 1).process("p").hasAnonRss(2 * MB)
                .reads("middle", huge + MB).vmas().hasSize(3);
    }


    @Test
    void dontneedOfOnePageSplitsThePmdAndDropsThatPage() {
        m.step(() -> m.sys().madvise(p, huge + MB, PAGE, Madvise.DONTNEED));
        assertThat(m.machine()).hasVmstat("thp_split_pmd", 1).process("p").hasAnonRss(2 * MB - PAGE)
                .reads("\0\0\0\0\0\0", huge + MB).reads("head", huge);
    }
}
