package io.mmspec.runtime.assertions;

import static io.mmspec.runtime.assertions.MmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MachineAssertTest {
    private Machine machine;
    private Task p;
    private long buf;

    /** p maps 4 anonymous pages (thp madvise: no huge page) and writes each: 4 faults, 16 kB. */
    @BeforeEach
    void fourPagesWritten() {
        machine = Machine.boot(MachineConfig.builder(64L << 20, 2).aslr(false).build());
        p = machine.syscalls().spawn("p", 100, null, 0, 0, 0);
        buf = machine.syscalls().mmap(p, 0, 4 * 4096, Prot.READ | Prot.WRITE, MapFlags.PRIVATE, null, 0);
        for (int i = 0; i < 4; i++) {
            machine.syscalls().access(p, buf + i * 4096L, AccessType.WRITE, 'a' + i);
        }
    }

    @Test
    void vmstatComparesTheNamedCounter() {
        assertThat(machine).hasVmstat("pgfault", 4).hasVmstat("pgmajfault", 0);
        assertThatThrownBy(() -> assertThat(machine).hasVmstat("pgfault", 5))
                .isInstanceOf(AssertionError.class)
                .hasMessage("expected vmstat pgfault to be 5 but was 4");
        assertThatThrownBy(() -> assertThat(machine).hasVmstat("pgfaults", 4))
                .hasMessage("expected vmstat pgfaults to be 4 but /proc/vmstat has no pgfaults");
    }

    @Test
    void meminfoComparesTheLabelInKilobytes() {
        assertThat(machine).hasMeminfo("AnonPages", 16).hasMeminfo("AnonHugePages", 0);
        assertThatThrownBy(() -> assertThat(machine).hasMeminfo("AnonPages", 12))
                .hasMessage("expected meminfo AnonPages to be 12 kB but was 16 kB");
        assertThatThrownBy(() -> assertThat(machine).hasMeminfo("Anon", 16))
                .hasMessage("expected meminfo Anon to be 16 kB but /proc/meminfo has no Anon");
    }

    @Test
    void buddyinfoColumnsAreTheFreeBlocksOfEachOrder() {
        // 64 MB: ZONE_DMA below 16 MB, ZONE_DMA32 above, no ZONE_NORMAL (it starts at 4 GB).
        // Parse the text independently: each column must be what hasFreeBlocks sees.
        String line = machine.proc().buddyinfo().lines().filter(l -> l.contains("DMA32")).findFirst().orElseThrow();
        String[] columns = line.strip().split("\\s+");
        ZoneType zone = ZoneType.DMA32;
        long order10 = Long.parseLong(columns[columns.length - 1]);
        assertThat(machine).buddyinfo().hasFreeBlocks(zone, 10, order10).hasText(machine.proc().buddyinfo());
        assertThatThrownBy(() -> assertThat(machine).buddyinfo().hasFreeBlocks(zone, 10, order10 + 1))
                .hasMessageStartingWith("expected zone " + zone.kernelName() + " to have " + (order10 + 1)
                        + " free blocks of order 10 but had " + order10 + "; buddyinfo:");
        assertThatThrownBy(() -> assertThat(machine).buddyinfo().hasText("Node 0, zone DMA 1 2 3"))
                .hasMessageStartingWith("expected buddyinfo to be\nNode 0, zone DMA 1 2 3\nbut was\n");
    }

    @Test
    void invariantsFailWithTheCheckersMessage() {
        assertThat(machine).satisfiesInvariants();
        long pfn = Pte.pfn(MmOps.context(p.mm()).pageTable().pte(buf));
        machine.pageAllocator().memMap().incMapcount(pfn); // a mapcount no PTE explains
        assertThatThrownBy(() -> assertThat(machine).satisfiesInvariants())
                .hasMessage("expected the machine to satisfy its invariants but: invariant violated: pfn " + pfn
                        + " has mapcount 2 but 1 mappings");
    }

    @Test
    void kernelLogIsSearchedLineByLine() {
        machine.syscalls().access(p, 0x1000, AccessType.READ, -1);
        assertThat(machine).hasKernelLogContaining("p[100]: segfault at 1000");
        assertThatThrownBy(() -> assertThat(machine).hasKernelLogContaining("Out of memory"))
                .hasMessageStartingWith("expected the kernel log to contain Out of memory but it holds:\n  [    0.");
    }

    @Test
    void unknownProcessNamesTheProcessesThatExist() {
        assertThatThrownBy(() -> assertThat(machine).process("q"))
                .hasMessage("expected a process named q but the processes are [p]");
    }
}
