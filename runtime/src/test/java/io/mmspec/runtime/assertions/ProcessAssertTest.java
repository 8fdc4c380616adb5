package io.mmspec.runtime.assertions;

import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import io.mmspec.runtime.uapi.Signal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessAssertTest {
    private static final long BUF = 0x7f0000001000L;

    private Machine machine;
    private Task p;

    /** p maps 4 pages at BUF and writes "ab" at the start of the first two: 2 faults, 8 kB. */
    @BeforeEach
    void twoPagesWritten() {
        machine = Machine.boot(MachineConfig.builder(64L << 20, 2).aslr(false).build());
        p = machine.syscalls().spawn("p", 100, null, 0, 0, 0);
        machine.syscalls().mmap(p, BUF, 4 * 4096, Prot.READ | Prot.WRITE, MapFlags.PRIVATE, null, 0);
        machine.syscalls().bind(p, "buf", BUF, 4 * 4096);
        machine.syscalls().access(p, BUF, AccessType.WRITE, 'a');
        machine.syscalls().access(p, BUF + 1, AccessType.WRITE, 'b');
        machine.syscalls().access(p, BUF + 4096, AccessType.WRITE, 'c');
    }

    @Test
    void faultCountersSayWhatTheyCounted() {
        assertThat(machine).process("p").hasMinorFaults(2).hasMajorFaults(0);
        assertThatThrownBy(() -> assertThat(machine).process("p").hasMinorFaults(3))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected p to have 3 minor faults but had 2");
        assertThatThrownBy(() -> assertThat(machine).process("p").hasMajorFaults(1))
                .hasMessage("expected p to have 1 major faults but had 0");
    }

    @Test
    void rssIsGivenInBytesAndReportedInKilobytes() {
        assertThat(machine).process("p").hasRss(8192).hasAnonRss(8192).hasFileRss(0);
        assertThatThrownBy(() -> assertThat(machine).process("p").hasRss(4096))
                .hasMessage("expected p to have an RSS of 4 kB but had 8 kB");
        assertThatThrownBy(() -> assertThat(machine).process("p").hasAnonRss(0))
                .hasMessage("expected p to have an anonymous RSS of 0 kB but had 8 kB");
        assertThatThrownBy(() -> assertThat(machine).process("p").hasFileRss(4096))
                .hasMessage("expected p to have a file RSS of 4 kB but had 0 kB");
    }

    @Test
    void aLivingProcessIsNotKilled() {
        assertThat(machine).process("p").isAlive();
        assertThatThrownBy(() -> assertThat(machine).process("p").wasKilledBy(Signal.SIGSEGV))
                .hasMessage("expected p to have been killed by SIGSEGV but it is alive");
    }

    @Test
    void aSegfaultIsToldWithItsCodeAndAddress() {
        machine.syscalls().access(p, 0x1000, AccessType.READ, -1);
        assertThat(machine).process("p").wasKilledBy(Signal.SIGSEGV).wasKilledBySegvAt(0x1000)
                .wasKilledBySegvMapErrAt(0x1000).hasRss(0);
        assertThatThrownBy(() -> assertThat(machine).process("p").isAlive())
                .hasMessage("expected p to be alive but it was killed by SIGSEGV (SEGV_MAPERR) at 0x1000");
        assertThatThrownBy(() -> assertThat(machine).process("p").wasKilledBySegvAccErrAt(0x1000))
                .hasMessage("expected p to have been killed by SIGSEGV (SEGV_ACCERR) at 0x1000 but it was killed "
                        + "by SIGSEGV (SEGV_MAPERR) at 0x1000");
        assertThatThrownBy(() -> assertThat(machine).process("p").wasKilledBySegvAt(0x2000))
                .hasMessage("expected p to have been killed by SIGSEGV at 0x2000 but it was killed "
                        + "by SIGSEGV (SEGV_MAPERR) at 0x1000");
        assertThatThrownBy(() -> assertThat(machine).process("p").wasKilledBySigbusAt(0x1000))
                .hasMessage("expected p to have been killed by SIGBUS (BUS_ADRERR) at 0x1000 but it was killed "
                        + "by SIGSEGV (SEGV_MAPERR) at 0x1000");
    }

    @Test
    void anExitIsNotAKill() {
        machine.syscalls().exit(p, 3);
        assertThat(machine).process("p").hasExitedWith(3);
        assertThatThrownBy(() -> assertThat(machine).process("p").wasKilledBy(Signal.SIGKILL))
                .hasMessage("expected p to have been killed by SIGKILL but it exited with code 3");
        assertThatThrownBy(() -> assertThat(machine).process("p").hasExitedWith(0))
                .hasMessage("expected p to have exited with code 0 but it exited with code 3");
    }

    @Test
    void readsPeeksWithoutFaulting() {
        assertThat(machine).process("p").reads("ab", BUF).reads("c", BUF + 4096)
                .reads("\0\0", BUF + 2 * 4096) // untouched: zeros, and no fault for looking
                .hasMinorFaults(2).hasRss(8192);
        assertThatThrownBy(() -> assertThat(machine).process("p").reads("ax", BUF))
                .hasMessage("expected p to read \"ax\" at 0x7f0000001000 but it holds \"ab\"");
        assertThatThrownBy(() -> assertThat(machine).process("p").reads("ab", BUF + 4 * 4096 - 1))
                .hasMessage("expected p to read \"ab\" at 0x7f0000004fff but nothing is mapped at 0x7f0000005000");
    }

    @Test
    void vmasCountsAndDrawsInItsFailure() {
        machine.syscalls().mprotect(p, BUF + 4096, 4096, Prot.READ);
        assertThat(machine).process("p").vmas().hasSize(3);
        assertThatThrownBy(() -> assertThat(machine).process("p").vmas().hasSize(1))
                .hasMessage("expected p to have 1 VMAs but had 3:\n"
                        + "  0x7f0000001000-0x7f0000002000 rw-p buf\n"
                        + "  0x7f0000002000-0x7f0000003000 r--p buf\n"
                        + "  0x7f0000003000-0x7f0000005000 rw-p buf\n");
    }
}
