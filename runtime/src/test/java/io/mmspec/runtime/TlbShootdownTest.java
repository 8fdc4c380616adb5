package io.mmspec.runtime;

import static io.mmspec.runtime.CheckedMachine.PAGE;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.Test;

/**
 * mprotect() removing write permission must flush the stale writable translations from every
 * CPU that runs the mm (mm/mprotect.c → flush_tlb_range → arch/x86/mm/tlb.c:
 * flush_tlb_mm_range, native_flush_tlb_multi: one IPI per other CPU in mm_cpumask).
 */
class TlbShootdownTest {
    private static final long A = 0x7f0000000000L;

    @Test
    void mprotectOfAnMmThatRanOnThreeCpusSendsTwoShootdowns() {
        CheckedMachine m = CheckedMachine.boot(64, 4, b -> b);
        Mmu mmu = m.machine().mmu();
        Task p = m.spawn("p", 100);
        m.mmapAnon(p, A, 4 * PAGE, Prot.READ | Prot.WRITE);
        for (int cpu = 0; cpu < 3; cpu++) {
            p.setCpu(cpu);
            m.access(p, A + cpu * PAGE, AccessType.WRITE, 'a' + cpu); // each CPU caches a writable entry
            m.access(p, A, AccessType.WRITE, 'a');
        }
        long ipis = mmu.ipisSent();
        m.mprotect(p, A, 4 * PAGE, Prot.READ); // from CPU 2, where p runs now
        // mm_cpumask = {0, 1, 2}; CPUs 0 and 1 still have p loaded (nothing else ran there)
        assertThat(mmu.ipisSent() - ipis).isEqualTo(2);
        assertThat(new long[] {mmu.tlbShootdowns(0), mmu.tlbShootdowns(1), mmu.tlbShootdowns(2), mmu.tlbShootdowns(3)})
                .containsExactly(1, 1, 0, 0);
        assertThat(m.machine()).hasVmstat("nr_tlb_remote_flush", 1).hasVmstat("nr_tlb_remote_flush_received", 2);

        // CPU 0's writable entry for A is gone: a write there now faults and is refused
        p.setCpu(0);
        assertThat(m.access(p, A, AccessType.WRITE, 'z')).isEqualTo(-1);
        assertThat(m.machine()).process("p").wasKilledBySegvAccErrAt(A);
    }

    @Test
    void mprotectOfAnMmThatRanOnOneCpuSendsNoIpi() {
        CheckedMachine m = CheckedMachine.boot(64, 4, b -> b);
        Mmu mmu = m.machine().mmu();
        Task p = m.spawn("p", 100);
        m.mmapAnon(p, A, 4 * PAGE, Prot.READ | Prot.WRITE);
        m.writeEachPage(p, A, 4 * PAGE, 'x');
        long ipis = mmu.ipisSent();
        m.mprotect(p, A, 4 * PAGE, Prot.READ);
        assertThat(mmu.ipisSent() - ipis).isZero();
        assertThat(m.machine()).hasVmstat("nr_tlb_remote_flush", 0);
        assertThat(m.access(p, A + PAGE, AccessType.WRITE, 'z')).isEqualTo(-1);
    }

    /** p with eight pages at A mapped {@code prot}, whose {@code touched} addresses CPUs 0 .. cpus-1 each accessed. */
    private static Task accessedOnCpus(CheckedMachine m, int prot, int cpus, AccessType type, long... touched) {
        Task p = m.spawn("p", 100);
        m.mmapAnon(p, A, 8 * PAGE, prot);
        for (int cpu = 0; cpu < cpus; cpu++) {
            p.setCpu(cpu);
            for (long address : touched) {
                m.access(p, address, type, 'a');
            }
        }
        return p;
    }

    private static Task readOnThreeCpus(CheckedMachine m, int prot) {
        return accessedOnCpus(m, prot, 3, AccessType.READ, A, A + PAGE, A + 2 * PAGE, A + 3 * PAGE);
    }

    @Test
    void mprotectOfPagesNeverTouchedFlushesNothing() {
        CheckedMachine m = CheckedMachine.boot(64, 4, b -> b);
        Mmu mmu = m.machine().mmu();
        Task p = readOnThreeCpus(m, Prot.READ | Prot.WRITE);
        long ipis = mmu.ipisSent();
        // pages 4..7 have no PTE: change_protection() gathers nothing, tlb_finish_mmu() flushes nothing
        m.mprotect(p, A + 4 * PAGE, 4 * PAGE, Prot.READ);
        assertThat(mmu.ipisSent() - ipis).isZero();
        assertThat(m.machine()).hasVmstat("nr_tlb_remote_flush", 0);
    }

    @Test
    void addingWriteToAPrivateMappingFlushesNothingAndTheNextWriteFaults() {
        CheckedMachine m = CheckedMachine.boot(64, 4, b -> b);
        Mmu mmu = m.machine().mmu();
        Task p = readOnThreeCpus(m, Prot.READ);
        long ipis = mmu.ipisSent();
        // the zero-page PTEs stay read-only (a private mapping gets RW only at the write fault),
        // so no present entry changed in a way pte_needs_flush() cares about
        m.mprotect(p, A, 8 * PAGE, Prot.READ | Prot.WRITE);
        assertThat(mmu.ipisSent() - ipis).isZero();
        assertThat(m.machine()).hasVmstat("nr_tlb_remote_flush", 0);
        assertThat(m.access(p, A, AccessType.WRITE, 'w')).isNotEqualTo(-1);
        assertThat(m.machine()).process("p").isAlive();
    }

    @Test
    void removingWriteFlushesOnlyTheSpanOfChangedEntries() {
        CheckedMachine m = CheckedMachine.boot(64, 4, b -> b);
        Mmu mmu = m.machine().mmu();
        Task p = accessedOnCpus(m, Prot.READ | Prot.WRITE, 2, AccessType.WRITE, A + PAGE);
        long ipis = mmu.ipisSent();
        m.mprotect(p, A, 8 * PAGE, Prot.READ); // one writable PTE among eight pages
        assertThat(mmu.ipisSent() - ipis).isEqualTo(1);
        assertThat(m.machine()).hasVmstat("nr_tlb_remote_flush", 1);
        p.setCpu(0);
        assertThat(m.access(p, A + PAGE, AccessType.WRITE, 'z')).isEqualTo(-1);
    }
}
