package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.Test;

/**
 * shrink_active_list() gives referenced executable file pages another trip round the active
 * list ("executable code gets better chances to stay in memory"); every other page, referenced
 * or not, is deactivated. The pages are real page-cache pages mapped by a fault.
 */
class ExecutableFilePagesTest {
    private ReclaimFixture f;
    private Task p;

    /** Maps one page of a file with {@code prot}, reads it (a file fault) and activates its page. */
    private long mappedActiveFilePage(int prot) {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 60);
        p = f.spawn("p", 100);
        Inode file = f.m.fs().create("/bin/app", 4096, ReclaimFixture.SSD, null);
        long addr = f.m.syscalls().mmap(p, 0, 4096, prot, MapFlags.PRIVATE, file, 0);
        f.read(p, addr);
        long pfn = Pte.pfn(f.pte(p, addr));
        f.vmscan.lruvec().folioMarkAccessed(pfn);
        f.vmscan.lruvec().folioMarkAccessed(pfn);
        assertThat(f.vmscan.lruvec().size(LruList.ACTIVE_FILE)).isEqualTo(1);
        return addr;
    }

    private void shrinkActiveFile() {
        ScanControl sc = new ScanControl(false, Gfp.GFP_KERNEL);
        sc.reclaimIdx = 3;
        f.vmscan.shrinkLists().shrinkActiveList(32, LruList.ACTIVE_FILE, sc);
    }

    @Test
    void aReferencedExecutablePageStaysActive() {
        long addr = mappedActiveFilePage(Prot.READ | Prot.EXEC);

        shrinkActiveFile(); // the fault left the PTE young

        assertThat(f.vmscan.lruvec().size(LruList.ACTIVE_FILE)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGREFILL)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGDEACTIVATE)).isZero();
        assertThat(Pte.isYoung(f.pte(p, addr))).isFalse();

        shrinkActiveFile(); // unused since: deactivated after all

        assertThat(f.vmscan.lruvec().size(LruList.INACTIVE_FILE)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGDEACTIVATE)).isEqualTo(1);
        f.checkInvariants();
    }

    @Test
    void aReferencedDataPageIsDeactivatedAnyway() {
        mappedActiveFilePage(Prot.READ);

        shrinkActiveFile();

        assertThat(f.vmscan.lruvec().size(LruList.INACTIVE_FILE)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGDEACTIVATE)).isEqualTo(1);
        f.checkInvariants();
    }
}
