package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * folio_check_references() on the inactive list: a page is looked at twice before it goes, and
 * a page used between the two looks is activated instead (kernel-facts §11).
 */
class SecondChanceTest {
    private ReclaimFixture f;
    private MemMap memMap;
    private Task p;
    private long buf;
    private long pfn;

    @BeforeEach
    void onePageJustWritten() {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 60);
        memMap = f.m.pageAllocator().memMap();
        p = f.spawn("p", 100);
        buf = f.mapAnon(p, 1);
        f.write(p, buf, 7);
        pfn = Pte.pfn(f.pte(p, buf));
    }

    @Test
    void aNewPageStartsOnTheInactiveList() {
        assertThat(f.vmscan.lruvec().size(LruList.INACTIVE_ANON)).isEqualTo(1);
        assertThat(f.vmscan.lruvec().size(LruList.ACTIVE_ANON)).isZero();
        assertThat(PageFlags.format(memMap.flags(pfn))).contains("lru").doesNotContain("active");
        f.checkInvariants();
    }

    @Test
    void theFirstLookFindsTheFaultsAccessedBitAndKeepsThePage() {
        long reclaimed = f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(reclaimed).isZero();
        assertThat(memMap.testFlag(pfn, PageFlags.PG_referenced)).isTrue();
        assertThat(Pte.isYoung(f.pte(p, buf))).isFalse(); // cleared by the look
        assertThat(f.vmscan.lruvec().size(LruList.INACTIVE_ANON)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGSCAN_DIRECT)).isEqualTo(1);
        assertThat(f.event(VmEvent.PSWPOUT)).isZero();
        assertThat(f.swap.cache().nrSwapCached()).isZero(); // KEEP comes before any swap slot
        f.checkInvariants();
    }

    @Test
    void unusedUntilTheSecondLookThePageIsSwappedOut() {
        f.shrinkInactive(LruList.INACTIVE_ANON, 32);
        long reclaimed = f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(reclaimed).isEqualTo(1);
        assertThat(Pte.isSwapEntry(f.pte(p, buf))).isTrue();
        assertThat(f.event(VmEvent.PSWPOUT)).isEqualTo(1);
        f.checkInvariants();
    }

    @Test
    void usedAgainBetweenTheLooksThePageIsActivated() {
        f.shrinkInactive(LruList.INACTIVE_ANON, 32);
        f.read(p, buf); // the look flushed the TLB entry: this access walks and sets the bit again

        long reclaimed = f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(reclaimed).isZero();
        assertThat(f.vmscan.lruvec().size(LruList.ACTIVE_ANON)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGACTIVATE)).isEqualTo(1);
        assertThat(Pte.isPresent(f.pte(p, buf))).isTrue();
        f.checkInvariants();
    }

    @Test
    void twoYoungMappingsActivateAtTheFirstLook() {
        Task child = f.m.syscalls().fork(p, "child", 101);
        f.read(child, buf); // the child's PTE is young too: two references

        f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(f.vmscan.lruvec().size(LruList.ACTIVE_ANON)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGACTIVATE)).isEqualTo(1);
        f.checkInvariants();
    }

    @Test
    void deactivationSendsAnActivePageBackToTheInactiveList() {
        f.shrinkInactive(LruList.INACTIVE_ANON, 32);
        f.read(p, buf);
        f.shrinkInactive(LruList.INACTIVE_ANON, 32); // activated
        ScanControl sc = new ScanControl(false, io.mmspec.runtime.mm.pagealloc.Gfp.GFP_KERNEL);
        sc.reclaimIdx = 3;

        // anon pages are deactivated even when referenced; only executable file pages stay
        f.vmscan.shrinkLists().shrinkActiveList(32, LruList.ACTIVE_ANON, sc);

        assertThat(f.vmscan.lruvec().size(LruList.INACTIVE_ANON)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGREFILL)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGDEACTIVATE)).isEqualTo(1);
        assertThat(memMap.testFlag(pfn, PageFlags.PG_workingset)).isTrue();
        f.checkInvariants();
    }

    @Test
    void anUnmappedFilePageAccessedOnceIsDroppedAndTwiceIsActivated() {
        long once = f.files.addCleanPage();
        long twice = f.files.addCleanPage();
        f.vmscan.lruvec().folioMarkAccessed(once);
        f.vmscan.lruvec().folioMarkAccessed(twice);
        f.vmscan.lruvec().folioMarkAccessed(twice);
        assertThat(f.event(VmEvent.PGACTIVATE)).isEqualTo(1);

        long reclaimed = f.shrinkInactive(LruList.INACTIVE_FILE, 32);

        // PG_referenced alone on a file page: RECLAIM_CLEAN, and a clean page goes
        assertThat(reclaimed).isEqualTo(1);
        assertThat(f.files.isCached(once)).isFalse();
        assertThat(f.files.isCached(twice)).isTrue();
        assertThat(f.vmscan.lruvec().size(LruList.ACTIVE_FILE)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGSTEAL_FILE)).isEqualTo(1);
        f.checkInvariants();
    }
}
