package io.mmspec.runtime.mm.oom;

import static io.mmspec.runtime.mm.oom.OomFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.task.Task;
import org.junit.jupiter.api.Test;

/** The victims' bookkeeping catches what a wrong kill path would leave behind. */
class OomVictimsTest {

    @Test
    void rejectsAVictimThatIsStillAlive() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task task = f.process("p", 100, 1000, 0, 2 * MB);
        OomVictims victims = new OomVictims();
        victims.mark(task);

        assertThatThrownBy(victims::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("p[100] is an OOM victim but still alive");
    }

    @Test
    void rejectsUnreapedMemoryWithoutAQueuedReaper() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task task = f.process("p", 100, 1000, 0, 2 * MB);
        f.machine.exit().killKeepingMm(task, OomKiller.KILL_CAUSE);
        OomVictims victims = new OomVictims();
        victims.mark(task);

        assertThatThrownBy(victims::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds unreaped memory but no reaper is queued");
    }

    @Test
    void markingTwiceKeepsOneRecordAsTifMemdieIsTestAndSet() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task task = f.process("p", 100, 1000, 0, 2 * MB);
        OomVictims victims = new OomVictims();

        assertThat(victims.mark(task)).isSameAs(victims.mark(task));
        assertThat(victims.tasks()).containsExactly(task);
    }

    @Test
    void aReleasedAddressSpaceCountsAsOomSkip() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task task = f.process("p", 100, 1000, 0, 2 * MB);
        f.machine.exit().killKeepingMm(task, OomKiller.KILL_CAUSE);
        OomVictims victims = new OomVictims();
        OomVictims.Victim victim = victims.mark(task);
        assertThat(victim.oomSkip()).isFalse();

        f.machine.exit().exitMm(task);

        assertThat(victim.oomSkip()).isTrue();
        victims.checkInvariants();
        f.machine.checkInvariants();
    }

    @Test
    void killerNoticesAKillItDidNotRecord() {
        OomFixture f = OomFixture.boot(64 * MB, ThpMode.MADVISE);
        Task bash = f.process("bash", 1000, 1000, 0, 2 * MB);
        f.process("hog", 2000, 1000, 0, 8 * MB);
        f.outOfMemory(bash);
        f.oom.checkInvariants();
        f.machine.exit().killKeepingMm(bash, OomKiller.KILL_CAUSE);
        f.oom.outOfMemory(new OomControl(OomFixture.FAULT_GFP, 0, bash)); // marks bash, queues its reaper

        assertThatThrownBy(f.oom::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 kills but 2 victims died of the OOM killer's SIGKILL");
    }
}
