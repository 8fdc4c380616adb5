package io.mmspec.runtime.mm.oom;

import static io.mmspec.runtime.mm.oom.OomFixture.GB;
import static io.mmspec.runtime.mm.oom.OomFixture.KB;
import static io.mmspec.runtime.mm.oom.OomFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.task.Task;
import org.junit.jupiter.api.Test;

/**
 * oom_badness() and /proc/PID/oom_score on real address spaces.
 *
 * <p>A 16 GB machine has 4194304 pages; the buddy allocator keeps the first one back, so
 * totalram_pages() is 4194303, there is no swap, and totalpages / 1000 = 4194.
 */
class OomBadnessTest {
    private static final long TOTAL_16G = 4_194_303;

    /**
     * The seed's example (FILE 12), scored by the kernel's rule. THP "always" keeps the test
     * fast: a 2 MB fault maps 512 pages, and each huge PMD deposits a PTE page
     * (pgtable_trans_huge_deposit, counted in pgtables_bytes), so rss and page tables are what
     * 4 KB faults would give.
     *
     * <pre>
     *   firefox  2000 MB = 512000 pages; 1000 PTE pages + PMD pages for the 1 GB regions of
     *            [0x7fff7ae00000, 0x7ffff7e00000): 0x1fffd..0x1ffff = 3, + 1 PUD  = 1004
     *            badness 512000 + 1004                                   =  513004
     *   chrome   3000 MB = 768000 pages; 1500 PTE + 4 PMD (0x1fffc..0x1ffff) + 1 PUD = 1505
     *            badness 768000 + 1505                                   =  769505  highest
     *   systemd  pid 1 (global init) and oom_score_adj -1000             =  LONG_MIN
     *   database 1500 MB = 384000 pages; 750 PTE + 2 PMD + 1 PUD = 753
     *            384000 + 753 + (-900) * 4194                            = -3389847
     * </pre>
     * The seed's "1500 - 900 = 600" mixes megabytes and oom_score_adj units; the kernel
     * scales the adj to a thousandth of the memory, so -900 takes away 90% of RAM.
     */
    @Test
    void scoresTheSeedsExampleByRssAndPageTablesWithAdjScaledToTotalPages() {
        OomFixture f = OomFixture.boot(16 * GB, ThpMode.ALWAYS);
        Task firefox = f.process("firefox", 2000, 1000, 0, 2000 * MB);
        Task chrome = f.process("chrome", 3000, 1000, 0, 3000 * MB);
        Task systemd = f.process("systemd", 1, 0, -1000, 10 * MB);
        Task database = f.process("database", 4000, 1000, -900, 1500 * MB);
        assertThat(f.totalPages()).isEqualTo(TOTAL_16G);
        assertThat(chrome.mm().vmas().iterator().next().start()).isEqualTo(0x7fff3c600000L);

        assertThat(f.oom.oomBadness(firefox, TOTAL_16G)).isEqualTo(513_004);
        assertThat(f.oom.oomBadness(chrome, TOTAL_16G)).isEqualTo(769_505);
        assertThat(f.oom.oomBadness(systemd, TOTAL_16G)).isEqualTo(Long.MIN_VALUE);
        assertThat(f.oom.oomBadness(database, TOTAL_16G)).isEqualTo(-3_389_847);

        OomResult result = f.outOfMemory(firefox);
        assertThat(result.outcome()).isEqualTo(OomResult.Outcome.KILLED);
        assertThat(result.victim()).isSameAs(chrome);
        assertThat(result.points()).isEqualTo(769_505);
        assertThat(result.totalPages()).isEqualTo(TOTAL_16G);
        f.check();
    }

    /**
     * proc_oom_score() = (1000 + badness * 1000 / totalpages) * 2 / 3:
     * chrome 769505000 / 4194303 = 183 → 1183 * 2 / 3 = 788; firefox 122 → 748;
     * database -808 → 192 * 2 / 3 = 128; systemd never chosen → 0.
     */
    @Test
    void oomScoreScalesBadnessIntoZeroToTwoThousand() {
        OomFixture f = OomFixture.boot(16 * GB, ThpMode.ALWAYS);
        Task firefox = f.process("firefox", 2000, 1000, 0, 2000 * MB);
        Task chrome = f.process("chrome", 3000, 1000, 0, 3000 * MB);
        Task systemd = f.process("systemd", 1, 0, -1000, 10 * MB);
        Task database = f.process("database", 4000, 1000, -900, 1500 * MB);

        assertThat(f.oom.oomScore(chrome)).isEqualTo(788);
        assertThat(f.oom.oomScore(firefox)).isEqualTo(748);
        assertThat(f.oom.oomScore(database)).isEqualTo(128);
        assertThat(f.oom.oomScore(systemd)).isZero();
    }

    /**
     * The reference machine's 666 / 999 / 1333. totalpages / 1000 truncates: 500 * 4194 =
     * 2097000 is 151.5 pages short of half of 4194303, and 1000 * 4194 is 303 short of all of it.
     * <pre>
     *   small, adj 0:     256 KB = 64 pages + 3 page-table pages = 67
     *                     67 * 1000 / 4194303 = 0           → 1000 * 2/3 = 666
     *   small, adj 500:   67 + 2097000 = 2097067 → 499      → 1499 * 2/3 = 999
     *   small, adj 1000:  67 + 4194000 = 4194067 → 999      → 1999 * 2/3 = 1332
     *   2 MB,  adj 1000:  512 + 3 + 4194000 = 4194515 → 1000 → 2000 * 2/3 = 1333
     * </pre>
     * So 1333 needs at least 303 pages of rss and page tables, and 999 fewer than 152.
     */
    @Test
    void oomScoreOfSmallTasksIs666And999And1333AsOnARealMachine() {
        OomFixture f = OomFixture.boot(16 * GB, ThpMode.ALWAYS);
        Task plain = f.process("plain", 100, 1000, 0, 256 * KB);
        Task half = f.process("half", 101, 1000, 500, 256 * KB);
        Task smallMax = f.process("smallmax", 102, 1000, 1000, 256 * KB);
        Task max = f.process("max", 103, 1000, 1000, 2 * MB);

        assertThat(f.oom.oomBadness(plain, TOTAL_16G)).isEqualTo(67);
        assertThat(f.oom.oomScore(plain)).isEqualTo(666);
        assertThat(f.oom.oomScore(half)).isEqualTo(999);
        assertThat(f.oom.oomScore(smallMax)).isEqualTo(1332);
        assertThat(f.oom.oomBadness(max, TOTAL_16G)).isEqualTo(4_194_515);
        assertThat(f.oom.oomScore(max)).isEqualTo(1333);
    }

    /** An empty address space still scores: 0 pages, so adj 0 gives (1000 + 0) * 2/3 = 666. */
    @Test
    void taskWithEmptyAddressSpaceScoresZeroPointsButIsEligible() {
        OomFixture f = OomFixture.boot(16 * GB, ThpMode.ALWAYS);
        Task empty = f.process("empty", 100, 1000, 0, 0);

        assertThat(f.oom.oomBadness(empty, TOTAL_16G)).isZero();
        assertThat(f.oom.oomScore(empty)).isEqualTo(666);
    }

    @Test
    void initKernelThreadsAndAdjMinusThousandAreNeverScored() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task init = f.process("init", 1, 0, 0, 4 * MB);
        Task protectedTask = f.process("critical", 200, 0, -1000, 8 * MB);
        Task kthread = f.machine.syscalls().spawnKernelThread("kworker");

        assertThat(f.oom.oomBadness(init, f.totalPages())).isEqualTo(Long.MIN_VALUE);
        assertThat(f.oom.oomBadness(protectedTask, f.totalPages())).isEqualTo(Long.MIN_VALUE);
        assertThat(f.oom.oomBadness(kthread, f.totalPages())).isEqualTo(Long.MIN_VALUE);
        assertThat(f.oom.oomScore(init)).isZero();
        assertThat(f.oom.oomScore(protectedTask)).isZero();
    }

    /**
     * 64 MB: totalram 16383 pages, totalpages / 1000 = 16. A 4 MB task (1024 pages + PUD, PMD
     * and 2 PTE pages) with adj -900: 1028 - 14400 = -13372. Negative, and still eligible.
     */
    @Test
    void badnessMayBeNegativeAndSuchATaskIsStillChosenIfAlone() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task db = f.process("database", 200, 1000, -900, 4 * MB);

        assertThat(f.oom.oomBadness(db, f.totalPages())).isEqualTo(-13_372);
        OomResult result = f.outOfMemory(db);
        assertThat(result.victim()).isSameAs(db);
        assertThat(result.points()).isEqualTo(-13_372);
        f.check();
    }
}
