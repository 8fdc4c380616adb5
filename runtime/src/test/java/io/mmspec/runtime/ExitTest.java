package io.mmspec.runtime;

import io.mmspec.runtime.mm.memory.ThpMode;
import static io.mmspec.runtime.CheckedMachine.PAGE;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.Test;

/**
 * exit_mmap() frees every page a process mapped and every page-table page it built; only the
 * page cache stays (it belongs to the files), and dropping it gives the rest back too.
 * Free pages are counted with the per-CPU lists, where freed order-0 pages park first.
 */
class ExitTest {
    private static final long MB = 1 << 20;

    @Test
    void exitGivesEveryAnonymousAndPageTablePageBack() {
        CheckedMachine m = CheckedMachine.boot(128, 2, b -> b.thp(ThpMode.ALWAYS));
        long atBoot = m.freePagesWithPcp();
        Task p = m.spawn("p", 100);
        long buf = m.mmapAnon(p, 0, 4 * MB, Prot.READ | Prot.WRITE); // two THPs
        m.writeEachPage(p, buf, 4 * MB, 'x');
        long small = m.mmapAnon(p, 0x7f0000001000L, 3 * PAGE, Prot.READ | Prot.WRITE);
        m.writeEachPage(p, small, 3 * PAGE, 'y');
        m.readEachPage(p, small + 3 * PAGE - PAGE, PAGE);
        Task child = m.step(() -> m.sys().fork(p, "child", 101));
        m.writeEachPage(child, small, 2 * PAGE, 'c'); // two COW copies
        assertThat(m.freePagesWithPcp()).isLessThan(atBoot - 1024);
        m.step(() -> m.sys().exit(child, 0));
        // the child gone, each THP is the parent's alone again: a write reuses it (do_huge_pmd_wp_page)
        m.access(p, buf + 5, AccessType.WRITE, 'p');
        assertThat(m.machine()).hasVmstat("pgreuse", 1).hasVmstat("thp_split_pmd", 0);
        m.step(() -> m.sys().exit(p, 0));
        assertThat(m.freePagesOrKernelCached()).isEqualTo(atBoot); // SLUB and the stack cache keep theirs
        assertThat(m.machine()).hasMeminfo("AnonPages", 0).hasMeminfo("AnonHugePages", 0)
                .hasMeminfo("PageTables", 0).satisfiesInvariants();
    }

    @Test
    void exitLeavesTheFilesPagesCachedUntilTheyAreDropped() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        long atBoot = m.freePagesWithPcp();
        m.filePages("/data/f", 32);
        Task p = m.spawn("p", 100);
        long at = m.mmapFile(p, 0, 32 * PAGE, Prot.READ | Prot.WRITE, MapFlags.PRIVATE, "/data/f");
        m.readEachPage(p, at, 32 * PAGE);
        m.writeEachPage(p, at, 8 * PAGE, 'w');
        m.step(() -> m.sys().exit(p, 0));
        assertThat(m.freePagesOrKernelCached()).isEqualTo(atBoot - 32); // the 32 cached pages of the file
        long dropped = m.step(() -> m.machine().kernel().dropCaches(1));
        assertThat(dropped).isEqualTo(32);
        assertThat(m.freePagesOrKernelCached()).isEqualTo(atBoot); // SLUB and the stack cache keep theirs
    }
}
