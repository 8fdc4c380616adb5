package io.mmspec.runtime.mm.oom;

import static io.mmspec.runtime.mm.oom.OomFixture.KB;
import static io.mmspec.runtime.mm.oom.OomFixture.MB;
import static io.mmspec.runtime.mm.oom.OomFixture.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.TraceEvent;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.SignalRecord;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.task.TaskState;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Signal;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * out_of_memory() end to end on a 64 MB machine (totalram 16383 pages, totalpages / 1000 = 16):
 * who dies, when the memory comes back, and what a second OOM does meanwhile. Mappings are
 * 2 MB aligned, so a task using N MB has N/2 PTE pages + 1 PMD + 1 PUD of page tables, and one
 * more page (the PGD) is freed when its mm goes.
 */
class OomKillerTest {

    @Test
    void killsTheVictimWithSigkillButFreesNothingUntilTheReaperTwoSecondsLater() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task bash = f.process("bash", 1000, 1000, 0, 2 * MB);
        Task hog = f.process("hog", 2000, 1000, 0, 40 * MB);
        f.runUntil(5 * SECOND);
        long freeBefore = f.freePages();

        OomResult result = f.outOfMemory(bash);

        // hog: 10240 pages + 20 PTE + 1 PMD + 1 PUD = 10262 points; bash 512 + 3 = 515
        assertThat(result.outcome()).isEqualTo(OomResult.Outcome.KILLED);
        assertThat(result.victim()).isSameAs(hog);
        assertThat(result.points()).isEqualTo(10_262);
        assertThat(result.reapAtNs()).isEqualTo(7 * SECOND);
        assertThat(hog.state()).isEqualTo(TaskState.KILLED);
        SignalRecord sigkill = hog.fatalSignal().orElseThrow();
        assertThat(sigkill.signal()).isEqualTo(Signal.SIGKILL);
        assertThat(sigkill.code()).isEqualTo(Signal.SI_KERNEL);
        assertThat(sigkill.cause()).contains("oom-killer");
        assertThat(sigkill.timeNs()).isEqualTo(5 * SECOND);
        assertThat(bash.isAlive()).isTrue();
        assertThat(f.machine.vmEvents().get(VmEvent.OOM_KILL)).isEqualTo(1);
        assertThat(f.oom.isOomVictim(hog)).isTrue();
        assertThat(f.oom.nextReapAt()).hasValue(7 * SECOND);
        assertThat(hog.mm().counter(MmCounter.MM_ANONPAGES)).isEqualTo(10_240);
        assertThat(f.freePages()).isEqualTo(freeBefore);
        f.check();

        f.runUntil(7 * SECOND - 1);
        assertThat(hog.mm().counter(MmCounter.MM_ANONPAGES)).isEqualTo(10_240);
        assertThat(f.freePages()).isEqualTo(freeBefore);

        f.runUntil(7 * SECOND);
        // the anonymous pages and every page-table page: 10240 + 22 + the PGD
        assertThat(f.freePages()).isEqualTo(freeBefore + 10_240 + 23);
        assertThat(hog.mm()).isNull();
        assertThat(f.oom.nextReapAt()).isEmpty();
        TraceEvent reap = events(f, EventKind.OOM_REAP).get(0);
        assertThat(reap.time()).isEqualTo(7 * SECOND);
        assertThat(reap.pid()).isEqualTo(2000);
        assertThat(reap.longField("reaped")).isEqualTo(10_240);
        assertThat(reap.longField("freed")).isEqualTo(10_262);
        f.check();
    }

    @Test
    void recordsTheKillAsATraceEventOfTheVictim() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task bash = f.process("bash", 1000, 1000, 0, 2 * MB);
        f.process("hog", 2000, 1000, 300, 8 * MB);

        f.outOfMemory(bash);

        TraceEvent kill = events(f, EventKind.OOM_KILL).get(0);
        assertThat(kill.pid()).isEqualTo(2000);
        assertThat(kill.comm()).isEqualTo("hog");
        // 2048 pages + 4 PTE + 1 PMD + 1 PUD + 300 * 16
        assertThat(kill.longField("points")).isEqualTo(2_054 + 4_800);
        assertThat(kill.longField("anon_rss")).isEqualTo(8192);
        assertThat(kill.longField("oom_score_adj")).isEqualTo(300);
        assertThat(kill.stringField("invoked_by")).isEqualTo("bash");
        assertThat(kill.stringField("gfp")).isEqualTo("0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)");
    }

    @Test
    void secondOomWhileTheVictimIsPendingKillsNothingNew() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task early = f.process("early", 500, 1000, 0, 20 * MB);
        Task bash = f.process("bash", 1000, 1000, 0, 2 * MB);
        Task hog = f.process("hog", 2000, 1000, 0, 30 * MB);
        assertThat(f.outOfMemory(bash).victim()).isSameAs(hog);
        int lines = f.log().size();

        // the walk chooses early, then reaches hog: a victim without MMF_OOM_SKIP, so it aborts
        f.runUntil(SECOND + SECOND / 2);
        OomResult second = f.outOfMemory(bash);

        assertThat(second.outcome()).isEqualTo(OomResult.Outcome.VICTIM_PENDING);
        assertThat(second.progress()).isTrue();
        assertThat(second.victim()).isSameAs(hog);
        assertThat(second.reapAtNs()).isEqualTo(2 * SECOND);
        assertThat(early.isAlive()).isTrue();
        assertThat(f.log()).hasSize(lines);
        assertThat(f.machine.vmEvents().get(VmEvent.OOM_KILL)).isEqualTo(1);
        f.check();
    }

    @Test
    void oomAfterTheReaperHasRunKillsTheNextLargest() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task early = f.process("early", 500, 1000, 0, 20 * MB);
        Task bash = f.process("bash", 1000, 1000, 0, 2 * MB);
        Task hog = f.process("hog", 2000, 1000, 0, 30 * MB);
        f.outOfMemory(bash);
        f.runUntil(2 * SECOND);

        OomResult third = f.outOfMemory(bash);

        assertThat(third.outcome()).isEqualTo(OomResult.Outcome.KILLED);
        assertThat(third.victim()).isSameAs(early);
        assertThat(f.oom.victims()).containsExactly(hog, early);
        assertThat(f.oom.kills()).isEqualTo(2);
        assertThat(f.machine.vmEvents().get(VmEvent.OOM_KILL)).isEqualTo(2);
        f.check();
    }

    /** Only points < chosen is skipped: equal points go to the task created later, whatever its pid. */
    @Test
    void tiesGoToTheLaterTaskInCreationOrderNotTheHigherPid() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task first = f.process("first", 500, 1000, 0, 4 * MB);
        Task second = f.process("second", 400, 1000, 0, 4 * MB);
        assertThat(f.oom.oomBadness(first, f.totalPages())).isEqualTo(f.oom.oomBadness(second, f.totalPages()));

        assertThat(f.outOfMemory(first).victim()).isSameAs(second);
    }

    @Test
    void neverKillsInitOrAnAdjMinusThousandTaskEvenWhenTheyAreLargest() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task init = f.process("init", 1, 0, 0, 16 * MB);
        Task critical = f.process("critical", 300, 0, -1000, 24 * MB);
        Task small = f.process("small", 400, 1000, 0, 256 * KB);

        assertThat(f.outOfMemory(init).victim()).isSameAs(small);
        assertThat(init.isAlive()).isTrue();
        assertThat(critical.isAlive()).isTrue();
    }

    /** task_will_free_mem(current): the dying allocator is marked silently; its reaper is queued once. */
    @Test
    void aDyingCurrentBecomesTheVictimSilently() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        f.process("bash", 1000, 1000, 0, 2 * MB);
        Task hog = f.process("hog", 2000, 1000, 0, 30 * MB);
        assertThat(f.outOfMemory(hog).victim()).isSameAs(hog);
        int lines = f.log().size();
        f.runUntil(1 * SECOND);

        OomResult again = f.outOfMemory(hog);

        assertThat(again.outcome()).isEqualTo(OomResult.Outcome.CURRENT_EXITING);
        assertThat(again.victim()).isSameAs(hog);
        assertThat(again.reapAtNs()).isEqualTo(2 * SECOND);
        assertThat(f.log()).hasSize(lines);
        assertThat(f.oom.kills()).isEqualTo(1);
        f.runUntil(2 * SECOND);
        assertThat(events(f, EventKind.OOM_REAP)).hasSize(1);
        f.check();
    }

    /** The OOM killer does not compensate for IO-less reclaim: GFP_NOFS kills nobody. */
    @Test
    void allocationWithoutGfpFsKillsNobody() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task hog = f.process("hog", 2000, 1000, 0, 8 * MB);

        OomResult result = f.oom.outOfMemory(new OomControl(Gfp.GFP_NOFS, 0, hog));

        assertThat(result.outcome()).isEqualTo(OomResult.Outcome.GFP_NOFS);
        assertThat(result.progress()).isTrue();
        assertThat(hog.isAlive()).isTrue();
        assertThat(f.log()).isEmpty();
    }

    /**
     * The reaper unmaps anonymous and private VMAs only. The victim has 4 MB of anonymous
     * memory (1024 pages), a private mapping of a 512 KB file (128 page-cache pages) and a shared
     * mapping of a 1 MB file (256): file-rss 384 pages = 1536 kB before, 256 pages = 1024 kB after.
     * Unmapped file pages stay in the page cache; only the anonymous pages are freed. Top down:
     * anon [0x7ffff7a00000, 0x7ffff7e00000) 2 PTE pages, then libfoo and doc below it share
     * the PTE page of [0x7ffff7800000, 0x7ffff7a00000); + PMD + PUD = 5 pages = 20 kB.
     */
    @Test
    void reaperLeavesSharedMappingsAndThePageCacheAlone() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task bash = f.process("bash", 1000, 1000, 0, 2 * MB);
        Task editor = f.process("editor", 2000, 1000, 0, 4 * MB);
        f.mapAndTouch(editor, 512 * KB, MapFlags.PRIVATE, f.file("/usr/lib/libfoo.so", 512 * KB), false);
        f.mapAndTouch(editor, 1 * MB, MapFlags.SHARED, f.file("/data/doc", 1 * MB), false);
        long cached = f.machine.pageCache().nrFilePages();

        f.outOfMemory(bash);
        assertThat(f.log()).contains("Out of memory: Killed process 2000 (editor) total-vm:5632kB, anon-rss:4096kB, "
                + "file-rss:1536kB, shmem-rss:0kB, UID:1000 pgtables:20kB oom_score_adj:0");
        f.runUntil(2 * SECOND);

        assertThat(f.log()).last().isEqualTo("oom_reaper: reaped process 2000 (editor), now anon-rss:0kB, "
                + "file-rss:1024kB, shmem-rss:0kB");
        assertThat(f.machine.pageCache().nrFilePages()).isEqualTo(cached);
        assertThat(editor.mm()).isNull();
        f.check();
    }

    /**
     * A forked child maps its parent's 2048 anonymous pages copy-on-write: same rss, same page
     * tables (4 PTE + PMD + PUD), so the tie goes to the child. Reaping it unmaps 2048 pages but
     * frees none of them, as the parent still maps every one; only its 6 table pages come back.
     */
    @Test
    void reaperFreesOnlyPagesThatNoOtherProcessMaps() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task parent = f.process("parent", 1000, 1000, 0, 8 * MB);
        Task child = f.machine.syscalls().fork(parent, "child", 1001);
        OomResult result = f.outOfMemory(parent);
        assertThat(result.victim()).isSameAs(child);
        assertThat(result.points()).isEqualTo(2_048 + 6);

        f.runUntil(2 * SECOND);

        TraceEvent reap = events(f, EventKind.OOM_REAP).get(0);
        assertThat(reap.longField("reaped")).isEqualTo(2_048);
        assertThat(reap.longField("freed")).isEqualTo(6);
        assertThat(parent.mm().counter(MmCounter.MM_ANONPAGES)).isEqualTo(2_048);
        f.check();
    }

    private static List<TraceEvent> events(OomFixture f, EventKind kind) {
        return f.machine.trace().events().stream().filter(e -> e.kind() == kind).collect(Collectors.toList());
    }
}
