package io.mmspec.runtime;

import static io.mmspec.runtime.CheckedMachine.PAGE;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import io.mmspec.runtime.uapi.Signal;
import io.mmspec.runtime.uapi.SyscallException;
import org.junit.jupiter.api.Test;

/**
 * Bad accesses end in signals (arch/x86/mm/fault.c: bad_area → SEGV_MAPERR, access_error →
 * SEGV_ACCERR, VM_FAULT_SIGBUS → BUS_ADRERR) and the W^X policy (MDWE, map_deny_write_exec).
 */
class SignalTest {
    private static final long A = 0x7f0000001000L;

    @Test
    void anAccessWithNoVmaIsSegvMapErr() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        Task p = m.spawn("p", 100);
        m.mmapAnon(p, A, PAGE, Prot.READ | Prot.WRITE);
        assertThat(m.access(p, A + PAGE, AccessType.WRITE, 1)).isEqualTo(-1);
        assertThat(m.machine()).process("p").wasKilledBySegvMapErrAt(A + PAGE).hasRss(0)
                .machine().hasKernelLogContaining("p[100]: segfault at 7f0000002000");
    }

    @Test
    void anAccessPastTheEndOfAMappedFileIsSigbus() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        m.filePages("/data/f", 2);
        Task p = m.spawn("p", 100);
        // a 4-page mapping of a 2-page file: pages 2 and 3 have a VMA but no file behind them
        m.mmapFile(p, A, 4 * PAGE, Prot.READ, MapFlags.PRIVATE, "/data/f");
        m.readEachPage(p, A, 2 * PAGE);
        assertThat(m.access(p, A + 2 * PAGE + 5, AccessType.READ, -1)).isEqualTo(-1);
        assertThat(m.machine()).process("p").wasKilledBySigbusAt(A + 2 * PAGE + 5);
    }

    @Test
    void withDenyWriteExecRwxIsRefusedAndAWriteAfterRxIsSegvAccErr() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b.denyWriteExec(true));
        Task p = m.spawn("jit", 100);
        assertThatThrownBy(() -> m.mmapAnon(p, A, PAGE, Prot.READ | Prot.WRITE | Prot.EXEC))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES));
        m.machine().checkInvariants();
        m.mmapAnon(p, A, PAGE, Prot.READ | Prot.WRITE);
        m.access(p, A, AccessType.WRITE, 0xc3); // code (a ret) written while writable
        m.mprotect(p, A, PAGE, Prot.READ | Prot.EXEC);
        assertThat(m.access(p, A, AccessType.EXEC, -1)).isEqualTo(0xc3);
        assertThatThrownBy(() -> m.sys().mprotect(p, A, PAGE, Prot.READ | Prot.WRITE | Prot.EXEC))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.EACCES));
        assertThat(m.access(p, A + 8, AccessType.WRITE, 0x90)).isEqualTo(-1);
        // error 7 = PF_PROT | PF_WRITE | PF_USER: a user write to a present page it may not write
        assertThat(m.machine()).process("jit").wasKilledBySegvAccErrAt(A + 8)
                .machine().hasKernelLogContaining("jit[100]: segfault at 7f0000001008 ip 0000000000000000 sp 0000000000000000 error 7");
    }

    @Test
    void withoutDenyWriteExecRwxIsAllowed() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        Task p = m.spawn("jit", 100);
        m.mmapAnon(p, A, PAGE, Prot.READ | Prot.WRITE | Prot.EXEC);
        m.access(p, A, AccessType.WRITE, 0xc3);
        assertThat(m.access(p, A, AccessType.EXEC, -1)).isEqualTo(0xc3);
        assertThat(m.machine()).process("jit").isAlive().hasAddressSpace("0x7f0000001000 rwxp");
    }
}
