package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.sim.VmEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lists themselves: where a page goes, what its flags say, and what the checker catches. */
class LruvecTest {
    private ReclaimFixture f;
    private Lruvec lruvec;
    private PageAllocator allocator;
    private MemMap memMap;

    @BeforeEach
    void boot() {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 60);
        lruvec = f.vmscan.lruvec();
        allocator = f.m.pageAllocator();
        memMap = allocator.memMap();
    }

    private long anonPage(Gfp gfp) {
        long pfn = allocator.allocPages(0, gfp, 0);
        memMap.setFlag(pfn, PageFlags.PG_swapbacked);
        lruvec.lruAdd(pfn);
        return pfn;
    }

    @Test
    void sizesAreKeptPerListAndPerZone() {
        anonPage(Gfp.GFP_DMA.or(Gfp.GFP_KERNEL));
        anonPage(Gfp.GFP_HIGHUSER_MOVABLE);
        anonPage(Gfp.GFP_HIGHUSER_MOVABLE);
        f.files.addCleanPage();

        assertThat(lruvec.size(LruList.INACTIVE_ANON)).isEqualTo(3);
        assertThat(lruvec.size(LruList.INACTIVE_FILE)).isEqualTo(1);
        assertThat(lruvec.zoneSize(LruList.INACTIVE_ANON, ZoneType.DMA)).isEqualTo(1);
        assertThat(lruvec.zoneSize(LruList.INACTIVE_ANON, ZoneType.DMA32)).isEqualTo(2);
        // lruvec_lru_size() up to a zone: reclaim for a DMA request sees one page
        assertThat(lruvec.lruSize(LruList.INACTIVE_ANON, ZoneType.DMA.ordinal())).isEqualTo(1);
        lruvec.checkInvariants();
    }

    @Test
    void aPageCannotBeAddedTwice() {
        long pfn = anonPage(Gfp.GFP_HIGHUSER_MOVABLE);
        assertThatThrownBy(() -> lruvec.lruAdd(pfn)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already on an LRU list");
    }

    @Test
    void markAccessedTwiceActivatesAndReleaseTakesThePageOff() {
        long pfn = anonPage(Gfp.GFP_HIGHUSER_MOVABLE);
        lruvec.folioMarkAccessed(pfn);
        assertThat(memMap.testFlag(pfn, PageFlags.PG_referenced)).isTrue();
        lruvec.folioMarkAccessed(pfn);

        assertThat(lruvec.size(LruList.ACTIVE_ANON)).isEqualTo(1);
        assertThat(memMap.testFlag(pfn, PageFlags.PG_referenced)).isFalse();
        assertThat(f.event(VmEvent.PGACTIVATE)).isEqualTo(1);

        lruvec.releasePage(pfn);
        allocator.freePages(pfn, 0, 0); // would be a bad page with PG_lru or PG_active still set
        assertThat(lruvec.size(LruList.ACTIVE_ANON)).isZero();
        lruvec.checkInvariants();
    }

    @Test
    void theCheckerCatchesAFlagThatDisagreesWithTheList() {
        long pfn = anonPage(Gfp.GFP_HIGHUSER_MOVABLE);
        memMap.setFlag(pfn, PageFlags.PG_active); // active flag, still on the inactive list

        assertThatThrownBy(lruvec::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs on ACTIVE_ANON but is on INACTIVE_ANON");
    }

    @Test
    void lruNoteCostHalvesBothCostsPastAQuarterOfTheLists() {
        for (int i = 0; i < 100; i++) {
            anonPage(Gfp.GFP_HIGHUSER_MOVABLE);
        }
        lruvec.lruNoteCost(false, 1, 0); // one page of I/O weighs 32: 32 > 100/4, both halve
        assertThat(lruvec.anonCost()).isEqualTo(16);
        lruvec.lruNoteCost(true, 0, 5); // 16 + 5 = 21 <= 25: kept
        assertThat(lruvec.fileCost()).isEqualTo(5);
        lruvec.lruNoteCost(true, 0, 5); // 26 > 25: 16/2 and 10/2
        assertThat(lruvec.anonCost()).isEqualTo(8);
        assertThat(lruvec.fileCost()).isEqualTo(5);
    }

    @Test
    void aFolioOfSeveralPagesCountsAllItsPages() {
        long head = allocator.allocPages(9, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        memMap.setFlag(head, PageFlags.PG_swapbacked);
        lruvec.lruAdd(head, 9);

        assertThat(lruvec.size(LruList.INACTIVE_ANON)).isEqualTo(512);
        lruvec.checkInvariants();
    }
}
