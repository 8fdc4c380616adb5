package io.mmspec.runtime.assertions;

import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddressSpaceDrawingTest {
    private static final long BUF = 0x7f0000001000L;

    private Machine machine;
    private Task p;

    /** buf: 3 pages at BUF with the middle one read-only (three VMAs), and an unnamed page after a gap. */
    @BeforeEach
    void threeVmasAndAnUnnamedOne() {
        machine = Machine.boot(MachineConfig.builder(64L << 20, 1).aslr(false).build());
        p = machine.syscalls().spawn("p", 100, null, 0, 0, 0);
        machine.syscalls().mmap(p, BUF, 3 * 4096, Prot.READ | Prot.WRITE, MapFlags.PRIVATE, null, 0);
        machine.syscalls().bind(p, "buf", BUF, 3 * 4096);
        machine.syscalls().mprotect(p, BUF + 4096, 4096, Prot.READ);
        machine.syscalls().mmap(p, BUF + 0x10000, 4096, Prot.READ, MapFlags.PRIVATE, null, 0);
    }

    @Test
    void shortFormComparesStartsPermissionsAndNames() {
        assertThat(machine).process("p").hasAddressSpace("""
                0x7f0000001000 rw-p buf
                0x7f0000002000 r--p buf
                0x7f0000003000 rw-p buf
                0x7f0000011000 r--p
                """);
    }

    @Test
    void longFormAlsoComparesEndsAndPaddedAddressesReadTheSame() {
        assertThat(machine).process("p").hasAddressSpace("""

                  0x00007f0000001000-0x00007f0000002000   rw-p   buf
                0x7f0000002000-0x7f0000003000 r--p buf
                0x7f0000003000 rw-p buf
                0x7f0000011000-0x7f0000012000 r--p
                """);
    }

    @Test
    void mismatchShowsTheActualDrawingInTheExpectedForm() {
        assertThatThrownBy(() -> assertThat(machine).process("p").hasAddressSpace("""
                0x7f0000001000 rw-p buf
                0x7f0000003000-0x7f0000004000 rw-p buf
                """))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected the address space of p to be\n"
                        + "  0x7f0000001000 rw-p buf\n"
                        + "  0x7f0000003000-0x7f0000004000 rw-p buf\n"
                        + "but it was\n"
                        + "  0x7f0000001000 rw-p buf\n"
                        + "  0x7f0000002000-0x7f0000003000 r--p buf\n"
                        + "  0x7f0000003000-0x7f0000004000 rw-p buf\n"
                        + "  0x7f0000011000-0x7f0000012000 r--p\n");
    }

    @Test
    void aWrongEndOrNameFails() {
        assertThatThrownBy(() -> assertThat(machine).process("p").hasAddressSpace("""
                0x7f0000001000-0x7f0000003000 rw-p buf
                0x7f0000002000 r--p buf
                0x7f0000003000 rw-p buf
                0x7f0000011000 r--p
                """)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThat(machine).process("p").hasAddressSpace("""
                0x7f0000001000 rw-p buf
                0x7f0000002000 r--p buf
                0x7f0000003000 rw-p buf
                0x7f0000011000 r--p other
                """)).isInstanceOf(AssertionError.class);
    }

    @Test
    void innermostRegionNamesTheVmaThenTheMapsName() {
        machine.syscalls().bind(p, "middle", BUF + 4096, 4096);
        org.assertj.core.api.Assertions.assertThat(AddressSpaceDrawing.draw(p)).isEqualTo("""
                0x7f0000001000-0x7f0000002000 rw-p buf
                0x7f0000002000-0x7f0000003000 r--p middle
                0x7f0000003000-0x7f0000004000 rw-p buf
                0x7f0000011000-0x7f0000012000 r--p
                """);
    }

    @Test
    void aLineThatIsNotADrawingIsRefused() {
        assertThatThrownBy(() -> assertThat(machine).process("p").hasAddressSpace("7f0000001000 rw-p buf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("addresses are written 0x...: 7f0000001000 rw-p buf");
        assertThatThrownBy(() -> assertThat(machine).process("p").hasAddressSpace("0x7f0000001000 rw buf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a drawing line (0xSTART[-0xEND] PERMS [NAME]): 0x7f0000001000 rw buf");
    }
}
