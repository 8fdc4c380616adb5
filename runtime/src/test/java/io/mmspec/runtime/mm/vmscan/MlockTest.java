package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pages of a VM_LOCKED VMA are never reclaimed: reclaim moves them to the unevictable list. */
class MlockTest {
    private ReclaimFixture f;
    private Task p;
    private long locked;

    @BeforeEach
    void eightWrittenPagesThenLocked() {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 60);
        p = f.spawn("p", 100);
        locked = f.mapAnon(p, 8);
        for (int i = 0; i < 8; i++) {
            f.write(p, locked + i * 4096L, 1 + i);
        }
        f.m.syscalls().mlock(p, locked, 8 * 4096L, false); // VM_LOCKED; the pages are still evictable
        f.age(p, locked, 8);
    }

    @Test
    void reclaimFindsTheLockedVmaAndCullsThePages() {
        long reclaimed = f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(reclaimed).isZero();
        assertThat(f.vmscan.lruvec().size(LruList.UNEVICTABLE)).isEqualTo(8);
        assertThat(f.vmscan.lruvec().size(LruList.INACTIVE_ANON)).isZero();
        assertThat(f.vmscan.lruvec().nrMlock()).isEqualTo(8);
        assertThat(f.event(VmEvent.UNEVICTABLE_PGS_MLOCKED)).isEqualTo(8);
        assertThat(f.event(VmEvent.UNEVICTABLE_PGS_CULLED)).isEqualTo(8);
        assertThat(f.event(VmEvent.PGACTIVATE)).isZero(); // mlocked pages are not activated
        assertThat(f.event(VmEvent.PSWPOUT)).isZero();
        // VM_LOCKED was found before any swap slot was taken
        assertThat(f.swap.nrSwapPages()).isEqualTo(f.swap.totalSwapPages());
        f.checkInvariants();
    }

    @Test
    void evenTheMostAggressiveReclaimLeavesThemResident() {
        f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        for (int round = 0; round < 3; round++) {
            assertThat(f.vmscan.directReclaim(0, Gfp.GFP_HIGHUSER_MOVABLE)).isZero();
        }

        for (int i = 0; i < 8; i++) {
            assertThat(Pte.isPresent(f.pte(p, locked + i * 4096L))).isTrue();
            assertThat(f.read(p, locked + i * 4096L)).isEqualTo(1 + i);
        }
        assertThat(f.event(VmEvent.PGSTEAL_DIRECT)).isZero();
        f.checkInvariants();
    }

    @Test
    void aPageFaultedIntoALockedVmaStartsUnevictable() {
        long more = f.mapAnon(p, 1);
        f.m.syscalls().mlock(p, more, 4096, true); // MLOCK_ONFAULT: nothing faulted yet
        f.write(p, more, 5);

        long pfn = Pte.pfn(f.pte(p, more));
        assertThat(f.m.pageAllocator().memMap().testFlag(pfn, PageFlags.PG_unevictable)).isTrue();
        // with the 8 pages mlock() itself moved there (mlock_vma_pages_range -> mlock_folio)
        assertThat(f.vmscan.lruvec().size(LruList.UNEVICTABLE)).isEqualTo(9);
        f.checkInvariants();
    }

    @Test
    void munlockRescuesThePagesAndReclaimCanTakeThemAgain() {
        f.shrinkInactive(LruList.INACTIVE_ANON, 32);
        f.m.syscalls().munlock(p, locked, 8 * 4096L);
        for (int i = 0; i < 8; i++) {
            f.vmscan.lruvec().munlockFolio(Pte.pfn(f.pte(p, locked + i * 4096L)));
        }

        assertThat(f.vmscan.lruvec().size(LruList.INACTIVE_ANON)).isEqualTo(8);
        assertThat(f.event(VmEvent.UNEVICTABLE_PGS_RESCUED)).isEqualTo(8);
        assertThat(f.event(VmEvent.UNEVICTABLE_PGS_MUNLOCKED)).isEqualTo(8);
        assertThat(f.shrinkInactive(LruList.INACTIVE_ANON, 32)).isEqualTo(8);
        f.checkInvariants();
    }
}
