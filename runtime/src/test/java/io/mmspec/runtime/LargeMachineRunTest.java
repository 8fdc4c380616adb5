package io.mmspec.runtime;

import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.Test;

/**
 * Cost follows work: a 1 TB machine boots with struct pages for almost nothing and runs a
 * small process; only the sections its pages and page tables come from get struct pages.
 */
class LargeMachineRunTest {
    private static final long MB = 1 << 20;

    @Test
    void aOneTerabyteMachineRunsASmallProcessWithFewMaterialisedSections() {
        CheckedMachine m = CheckedMachine.boot(MachineConfig.builder(1L << 40, 8).aslr(false).build());
        long atBoot = m.freePagesWithPcp();
        // 1 TB = 2^28 pages; the seed's memmap would be 2^28 struct pages: here a handful of sections
        assertThat(m.machine().pageAllocator().memMap().totalPages()).isEqualTo(1L << 28);
        // section 0 (pfn 0 reserved, the DMA zone's boot blocks) and section 32, the first of
        // ZONE_NORMAL at 4 GB, where the zero page and the first PGD came from
        assertThat(m.machine().pageAllocator().memMap().materialisedSections()).isEqualTo(2);

        Task p = m.spawn("p", 100);
        long buf = m.mmapAnon(p, 0, 64 * MB, Prot.READ | Prot.WRITE);
        m.writeEachPage(p, buf, 64 * MB, 'x');
        Task child = m.step(() -> m.sys().fork(p, "child", 101));
        m.writeEachPage(child, buf, 16 * MB, 'c');
        // thp madvise without MADV_HUGEPAGE: 4 KB pages, 16384 faults for 64 MB
        assertThat(m.machine()).process("p").hasMinorFaults(16384).hasAnonRss(64 * MB).reads("x", buf)
                .machine().process("child").hasMinorFaults(4096).reads("c", buf).reads("x", buf + 16 * MB)
                .machine().hasMeminfo("AnonPages", (64 + 16) * 1024);
        // 80 MB of user pages and their page tables fit in the 128 MB of section 32
        assertThat(m.machine().pageAllocator().memMap().materialisedSections()).isEqualTo(2);

        m.step(() -> m.sys().exit(child, 0));
        m.step(() -> m.sys().exit(p, 0));
        assertThat(m.freePagesOrKernelCached()).isEqualTo(atBoot); // SLUB and the stack cache keep theirs
        assertThat(m.machine().pageAllocator().memMap().materialisedSections()).isEqualTo(2);
    }
}
