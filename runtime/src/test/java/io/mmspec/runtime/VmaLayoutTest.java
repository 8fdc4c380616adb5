package io.mmspec.runtime;

import static io.mmspec.runtime.CheckedMachine.PAGE;
import static io.mmspec.runtime.assertions.MmAssertions.assertThat;

import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.Test;

/**
 * VMAs through the system calls (mm/vma.c: vma_merge_new_range, vma_modify_flags; mm/mprotect.c):
 * adjacent compatible mappings merge, a permission change splits, restoring it merges back.
 */
class VmaLayoutTest {
    private static final long A = 0x7f0000001000L;

    @Test
    void adjacentAnonymousMappingsMergeAndMprotectSplitsThemAndRestoringMerges() {
        CheckedMachine m = CheckedMachine.boot(64, 1, b -> b);
        Task p = m.spawn("p", 100);
        m.mmapAnon(p, A, 2 * PAGE, Prot.READ | Prot.WRITE);
        m.mmapAnon(p, A + 2 * PAGE, 2 * PAGE, Prot.READ | Prot.WRITE);
        m.sys().bind(p, "a", A, 2 * PAGE);
        m.sys().bind(p, "b", A + 2 * PAGE, 2 * PAGE);
        m.writeEachPage(p, A, 4 * PAGE, 'x');
        // same flags, no file, adjacent (and anon_vma compatible): the second mmap extends the first
        assertThat(m.machine()).process("p").hasAddressSpace("""
                0x7f0000001000-0x7f0000005000 rw-p a
                """);

        m.mprotect(p, A + PAGE, PAGE, Prot.READ);
        assertThat(m.machine()).process("p").hasAddressSpace("""
                0x7f0000001000-0x7f0000002000 rw-p a
                0x7f0000002000-0x7f0000003000 r--p a
                0x7f0000003000-0x7f0000005000 rw-p b
                """);

        m.mprotect(p, A + PAGE, PAGE, Prot.READ | Prot.WRITE);
        assertThat(m.machine()).process("p").hasAddressSpace("""
                0x7f0000001000-0x7f0000005000 rw-p a
                """).hasAnonRss(4 * PAGE).reads("x", A + PAGE);
    }
}
