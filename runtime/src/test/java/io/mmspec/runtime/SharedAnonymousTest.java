package io.mmspec.runtime;

import static io.mmspec.runtime.CheckedMachine.PAGE;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * MAP_SHARED | MAP_ANONYMOUS memory (mm/shmem.c: shmem_zero_setup gives the VMA a shmem file;
 * its faults go through the file path, shmem_fault, and need no I/O).
 */
class SharedAnonymousTest {
    private static final long A = 0x7f0000000000L;

    @Test
    void sharedAnonymousMemoryIsSharedWithAForkedChild() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        Task p = m.spawn("p", 100);
        m.step(() -> m.sys().mmap(p, A, 4 * PAGE, Prot.READ | Prot.WRITE, MapFlags.SHARED, null, 0));
        m.write(p, A, "hi");
        Task child = m.step(() -> m.sys().fork(p, "child", 101));
        m.write(child, A + PAGE, "yo");
        // a new shmem page is zero-filled, not read: every fault is minor
        assertThat(m.machine()).process("p").reads("hi", A).reads("yo", A + PAGE).hasMajorFaults(0).hasMinorFaults(1)
                .machine().process("child").reads("hi", A).reads("yo", A + PAGE).hasMinorFaults(1);
    }

    @Test
    void sharedAnonymousMemoryIsFreedWhenItsLastMapperExits() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        long atBoot = m.freePagesWithPcp();
        Task p = m.spawn("p", 100);
        m.step(() -> m.sys().mmap(p, A, 4 * PAGE, Prot.READ | Prot.WRITE, MapFlags.SHARED, null, 0));
        m.writeEachPage(p, A, 4 * PAGE, 's');
        m.step(() -> m.sys().exit(p, 0));
        assertThat(m.freePagesOrKernelCached()).isEqualTo(atBoot); // SLUB and the stack cache keep theirs
        assertThat(m.machine()).hasMeminfo("Shmem", 0);
    }
}
