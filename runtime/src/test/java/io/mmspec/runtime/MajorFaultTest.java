package io.mmspec.runtime;

import static io.mmspec.runtime.CheckedMachine.PAGE;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.Test;

/**
 * A read fault on a file page that is not in the page cache needs I/O: filemap_fault() reads it
 * (VM_FAULT_MAJOR, pgmajfault, the task's maj_flt) and the task waits for the disk.
 */
class MajorFaultTest {
    private static final long AT = 0x7f0000000000L;

    @Test
    void firstReadOfAnUncachedPageIsMajorAndWaitsForTheDisk() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        m.filePages("/data/f", 256);
        Task p = m.spawn("p", 100);
        m.step(() -> m.sys().read(p, "/data/f", 32 * PAGE, (int) PAGE)); // page 32 alone is cached
        m.mmapFile(p, AT, 256 * PAGE, Prot.READ, MapFlags.PRIVATE, "/data/f");
        // MADV_RANDOM (VM_RAND_READ): no mmap read-around, so each miss reads its one page
        m.step(() -> m.sys().madvise(p, AT, 256 * PAGE, io.mmspec.runtime.uapi.Madvise.RANDOM));
        m.machine().vmEvents().reset();

        m.timed(p, () -> m.sys().access(p, AT, AccessType.READ, -1)); // builds the page tables
        assertThat(m.machine()).process("p").hasMajorFaults(1).hasMinorFaults(0).reads("a", AT)
                .machine().hasVmstat("pgmajfault", 1).hasVmstat("pgfault", 1).hasVmstat("pgpgin", 4);

        long cached = m.timed(p, () -> m.sys().access(p, AT + 32 * PAGE, AccessType.READ, -1));
        long uncached = m.timed(p, () -> m.sys().access(p, AT + 64 * PAGE, AccessType.READ, -1));
        // same walk, same fault path; the only difference is one 4 KB request to the default
        // disk: 100 us latency + 4096 B at 1 GiB/s (3814 ns)
        assertThat(uncached - cached).isEqualTo(100_000 + 3_814);
        assertThat(m.machine()).process("p").hasMajorFaults(2).hasMinorFaults(1).reads("m", AT + 64 * PAGE)
                .machine().hasVmstat("pgmajfault", 2).hasVmstat("pgfault", 3);
    }
}
