package io.mmspec.runtime;

import io.mmspec.runtime.mm.memory.ThpMode;
import static io.mmspec.runtime.CheckedMachine.PAGE;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;

import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * fork() and copy-on-write (kernel/fork.c: dup_mmap → copy_page_range write-protects private
 * anonymous PTEs in both; mm/memory.c: do_wp_page copies a shared page, reuses an exclusive one).
 */
class ForkCowTest {
    private static final long BUF = 0x7f0000000000L;
    private static final int N = 8;

    private CheckedMachine m;
    private Task parent;

    /** The parent writes "parent i" at the start of each of N pages: N faults of its own. */
    @BeforeEach
    void parentWithNPagesOfData() {
        m = CheckedMachine.boot(64, 2, b -> b.thp(ThpMode.NEVER));
        parent = m.spawn("parent", 100);
        m.mmapAnon(parent, BUF, N * PAGE, Prot.READ | Prot.WRITE);
        m.sys().bind(parent, "buf", BUF, N * PAGE);
        for (int i = 0; i < N; i++) {
            m.write(parent, BUF + i * PAGE, "parent " + i);
        }
        parent.resetFaultCounters();
        m.machine().vmEvents().reset();
    }

    @Test
    void childWritingNPagesTakesExactlyNCowFaultsAndKeepsItsOwnData() {
        Task child = m.step(() -> m.sys().fork(parent, "child", 200));
        assertThat(m.machine()).process("child").hasAnonRss(N * PAGE).hasMinorFaults(0).hasAddressSpace("""
                0x7f0000000000-0x7f0000008000 rw-p buf
                """);
        for (int i = 0; i < N; i++) {
            m.write(child, BUF + i * PAGE, "child " + i);
        }
        // each page is mapped by both: the first write to each copies it (wp_page_copy); the
        // later bytes of the same string hit the now-writable PTE
        assertThat(m.machine()).process("child").hasMinorFaults(N).reads("child 0", BUF)
                .reads("child " + (N - 1), BUF + (N - 1) * PAGE).hasAnonRss(N * PAGE)
                .machine().process("parent").hasMinorFaults(0).reads("parent 0", BUF)
                .reads("parent " + (N - 1), BUF + (N - 1) * PAGE)
                .machine().hasVmstat("pgfault", N).hasVmstat("pgreuse", 0);
    }

    @Test
    void parentWritingAfterTheChildCopiedReusesItsPages() {
        Task child = m.step(() -> m.sys().fork(parent, "child", 200));
        for (int i = 0; i < N; i++) {
            m.write(child, BUF + i * PAGE, "child " + i);
        }
        m.machine().vmEvents().reset();
        for (int i = 0; i < N; i++) {
            m.write(parent, BUF + i * PAGE, "PARENT");
        }
        // fork left the parent's PTEs read-only; the child's copies made each page exclusive
        // again, so each first write is a fault that reuses the page (no copy)
        assertThat(m.machine()).hasVmstat("pgreuse", N).hasVmstat("pgfault", N)
                .process("parent").hasMinorFaults(N).reads("PARENT 0", BUF).hasAnonRss(N * PAGE)
                .machine().process("child").reads("child 0", BUF);
    }

    @Test
    void parentWritingBeforeTheChildCopiesInstead() {
        m.step(() -> m.sys().fork(parent, "child", 200));
        m.write(parent, BUF, "P");
        // the page is still mapped by both: the parent copies it, the child keeps the original
        assertThat(m.machine()).hasVmstat("pgreuse", 0).process("parent").hasMinorFaults(1).reads("Parent 0", BUF)
                .machine().process("child").reads("parent 0", BUF);
    }

    /**
     * The kernel (do_huge_pmd_wp_page → __split_huge_pmd) splits only the writer's PMD into
     * 512 PTEs; the folio stays one THP, still PMD-mapped by the parent and PTE-mapped by the
     * child (split_huge_page happens later, deferred, once it is no longer PMD-mapped).
     */
    @Test
    // Linux 6.x splits only the child's PMD; this model splits every mapping of the shared THP
    // and the folio (HugeAnonFault.splitHugePmd says why): 2 PMD splits, 1 page split.
    void childWritingAHugePageSharedByForkSplitsItAndCopiesOnlyThePageWritten() {
        CheckedMachine t = CheckedMachine.boot(64, 1, b -> b.thp(ThpMode.ALWAYS));
        Task owner = t.spawn("owner", 100);
        long huge = t.mmapAnon(owner, 0, 2 << 20, Prot.READ | Prot.WRITE);
        t.write(owner, huge, "owner");
        Task child = t.step(() -> t.sys().fork(owner, "child", 200));
        t.write(child, huge, "CHILD");
        assertThat(t.machine()).hasVmstat("thp_split_pmd", 2).hasVmstat("thp_split_page", 1)
                .hasMeminfo("AnonHugePages", 0)
                .process("owner").reads("owner", huge).hasAnonRss(2 << 20)
                .machine().process("child").reads("CHILD", huge).hasAnonRss(2 << 20);
    }
}
