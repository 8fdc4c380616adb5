package io.mmspec.runtime;

import static io.mmspec.runtime.CheckedMachine.PAGE;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.arch.PageTable;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.Test;

/**
 * Page migration (mm/migrate.c: migrate_pages → remove_migration_ptes) moves a page to a new
 * frame behind the back of every process that maps it: the data reads the same, every PTE
 * points to the new frame, the old frame is free and the mapcounts still match.
 */
class MigrationTest {
    private static final long A = 0x7f0000000000L;
    private static final int N = 4;

    private static long[] pfns(Task task, long start, int pages) {
        PageTable pt = MmOps.context(task.mm()).pageTable();
        long[] out = new long[pages];
        for (int i = 0; i < pages; i++) {
            out[i] = Pte.pfn(pt.pte(start + i * PAGE));
        }
        return out;
    }

    @Test
    void migratedAnonymousPagesReadTheSameFromNewFrames() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        Task p = m.spawn("p", 100);
        m.mmapAnon(p, A, N * PAGE, Prot.READ | Prot.WRITE);
        for (int i = 0; i < N; i++) {
            m.write(p, A + i * PAGE, "page " + i);
        }
        long[] before = pfns(p, A, N);
        int moved = m.step(() -> m.machine().kernel().migrate(p, A, N * PAGE));
        long[] after = pfns(p, A, N);
        // a freed source may be the next page's destination (the per-CPU list is LIFO), so only
        // each page's own move is certain; the invariants check that no PTE maps a free frame
        assertThat(moved).isEqualTo(N);
        for (int i = 0; i < N; i++) {
            assertThat(after[i]).isNotEqualTo(before[i]);
            assertThat(m.machine().pageAllocator().memMap().mapcount(after[i])).isEqualTo(1);
        }
        assertThat(m.machine()).hasVmstat("pgmigrate_success", N).process("p").reads("page 0", A)
                .reads("page 3", A + 3 * PAGE).hasAnonRss(N * PAGE).hasMinorFaults(N);
    }

    @Test
    void aPageSharedAfterForkMovesInBothProcesses() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        Task p = m.spawn("p", 100);
        m.mmapAnon(p, A, PAGE, Prot.READ | Prot.WRITE);
        m.write(p, A, "shared");
        Task child = m.step(() -> m.sys().fork(p, "child", 101));
        long old = pfns(p, A, 1)[0];
        m.step(() -> m.machine().kernel().migrate(p, A, PAGE));
        long now = pfns(p, A, 1)[0];
        assertThat(now).isNotEqualTo(old);
        assertThat(pfns(child, A, 1)[0]).isEqualTo(now);
        assertThat(m.machine().pageAllocator().memMap().mapcount(now)).isEqualTo(2);
        m.write(child, A, "CHILD");
        assertThat(m.machine()).process("p").reads("shared", A).machine().process("child").reads("CHILDd", A);
    }

    @Test
    void aMappedPageCachePageMovesWithItsCacheEntry() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        m.filePages("/data/f", 4);
        Task p = m.spawn("p", 100);
        m.mmapFile(p, A, 4 * PAGE, Prot.READ, MapFlags.SHARED, "/data/f");
        m.readEachPage(p, A, 4 * PAGE);
        long old = pfns(p, A, 1)[0];
        int moved = m.step(() -> m.machine().kernel().migrate(p, A, PAGE));
        assertThat(moved).isEqualTo(1);
        long now = pfns(p, A, 1)[0];
        assertThat(m.machine().pageCache().findPage(m.machine().fs().lookup("/data/f").orElseThrow(), 0)).isEqualTo(now);
        assertThat(now).isNotEqualTo(old);
        assertThat(m.machine()).process("p").reads("a", A).hasFileRss(4 * PAGE);
    }
}
