package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.memory.VmFault;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.swap.SwapEntry;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Swap-out by reclaim and swap-in by the fault path, on a 64 MB machine with a 16 MB swap file.
 *
 * <pre>
 *   buf: | page0 'A' | page1 'B' | page2 'C' | page3 'D' |   written in that order, so page0 is
 *          slot 1      slot 2      slot 3      slot 4        the inactive tail and goes out first
 * </pre>
 */
class SwapOutInTest {
    private ReclaimFixture f;
    private Task p;
    private long buf;

    @BeforeEach
    void fourWrittenPagesAged() {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 60);
        p = f.spawn("p", 100);
        buf = f.mapAnon(p, 4);
        for (int i = 0; i < 4; i++) {
            f.write(p, buf + i * 4096L + 123, 'A' + i);
        }
        f.age(p, buf, 4);
        f.checkInvariants();
    }

    @Test
    void reclaimSwapsOutEveryAgedPageAndFreesIt() {
        long free = f.m.pageAllocator().nrFreePages() + f.m.pageAllocator().pcpPages();
        long reclaimed = f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(reclaimed).isEqualTo(4);
        assertThat(f.event(VmEvent.PSWPOUT)).isEqualTo(4);
        assertThat(f.event(VmEvent.PGPGOUT)).isEqualTo(16); // KB
        // scanned twice: written on the first pass, freed on the second once the disk was done
        assertThat(f.event(VmEvent.PGSCAN_DIRECT)).isEqualTo(8);
        assertThat(f.event(VmEvent.PGROTATED)).isEqualTo(4);
        assertThat(f.event(VmEvent.PGSTEAL_ANON)).isEqualTo(4);
        assertThat(f.m.pageAllocator().nrFreePages() + f.m.pageAllocator().pcpPages()).isEqualTo(free + 4);
        // slot 0 is the header; cluster 0 is the first nonfull cluster, so slots 1..4 in LRU order
        for (int i = 0; i < 4; i++) {
            long pte = f.pte(p, buf + i * 4096L);
            assertThat(Pte.isSwapEntry(pte)).isTrue();
            assertThat(Pte.swapOffset(pte)).isEqualTo(1 + i);
            assertThat(Pte.swapIsExclusive(pte)).isTrue(); // mapped once, nobody else held the slot
        }
        assertThat(p.mm().counter(MmCounter.MM_SWAPENTS)).isEqualTo(4);
        assertThat(p.mm().counter(MmCounter.MM_ANONPAGES)).isZero();
        // 16 MB = 4096 pages, the header excluded
        assertThat(f.swap.totalSwapPages()).isEqualTo(4095);
        assertThat(f.swap.nrSwapPages()).isEqualTo(4091);
        assertThat(f.swap.cache().nrSwapCached()).isZero();
        assertThat(f.vmscan.lruvec().size(LruList.INACTIVE_ANON)).isZero();
        assertThat(f.m.trace().count(EventKind.SWAP_OUT)).isEqualTo(4);
        f.checkInvariants();
    }

    @Test
    void aPageSwappedOutAndInReadsTheSameBytes() {
        f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(f.read(p, buf + 123)).isEqualTo('A');
        assertThat(VmFault.isMajor((int) f.lastSwapInResult)).isTrue();
        assertThat(f.read(p, buf + 4096 + 123)).isEqualTo('B');
        assertThat(f.read(p, buf + 2 * 4096 + 123)).isEqualTo('C');
        assertThat(f.read(p, buf + 3 * 4096 + 123)).isEqualTo('D');
        assertThat(f.read(p, buf + 3 * 4096 + 124)).isZero();
        assertThat(p.mm().counter(MmCounter.MM_SWAPENTS)).isZero();
        assertThat(p.mm().counter(MmCounter.MM_ANONPAGES)).isEqualTo(4);
        f.checkInvariants();
    }

    @Test
    void vmaReadaheadGrowsFromAdjacentFaultsAndAHitIsMinor() {
        f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        // page 0: the VMA has no readahead state yet (previous fault 0, no hits) → window 1
        f.read(p, buf);
        assertThat(f.event(VmEvent.PSWPIN)).isEqualTo(1);
        assertThat(f.event(VmEvent.SWAP_RA)).isZero();
        // page 1: next to page 0 → window 2, forward = pages 1, 2: page 2 (slot 3) is read ahead
        f.read(p, buf + 4096);
        assertThat(f.event(VmEvent.PSWPIN)).isEqualTo(3);
        assertThat(f.event(VmEvent.SWAP_RA)).isEqualTo(1);
        // page 2 is in the swap cache: minor, one readahead hit for the VMA
        f.read(p, buf + 2 * 4096);
        assertThat(VmFault.isMajor((int) f.lastSwapInResult)).isFalse();
        assertThat(f.event(VmEvent.SWAP_RA_HIT)).isEqualTo(1);
        assertThat(f.event(VmEvent.PSWPIN)).isEqualTo(3);
        // page 3: one hit → 1 + 2 = 3, rounded up to 4 = pages 3..6; the VMA ends after page 3,
        // so only page 3 (slot 4) is read
        f.read(p, buf + 3 * 4096);
        assertThat(f.event(VmEvent.PSWPIN)).isEqualTo(4);
        assertThat(f.event(VmEvent.SWAP_RA)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGMAJFAULT)).isEqualTo(3);
        f.checkInvariants();
    }

    @Test
    void aCleanPageStillInTheSwapCacheGoesOutAgainWithoutAWrite() {
        f.shrinkInactive(LruList.INACTIVE_ANON, 32);
        f.read(p, buf + 123);
        long pfn = Pte.pfn(f.pte(p, buf));
        // a read fault leaves the page in the swap cache, holding slot 1 with SWAP_HAS_CACHE only
        assertThat(f.swap.cache().isSwapCache(pfn)).isTrue();
        assertThat(f.swap.swapCount(SwapEntry.of(0, 1))).isZero();
        assertThat(f.swap.cache().nrSwapCached()).isEqualTo(1);
        f.age(p, buf, 1);

        long reclaimed = f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(reclaimed).isEqualTo(1);
        assertThat(f.event(VmEvent.PSWPOUT)).isEqualTo(4); // only the first swap-out wrote
        assertThat(Pte.swapOffset(f.pte(p, buf))).isEqualTo(1);
        assertThat(f.read(p, buf + 123)).isEqualTo('A');
        f.checkInvariants();
    }

    @Test
    void aWrittenPageInTheSwapCacheIsWrittenAgain() {
        f.shrinkInactive(LruList.INACTIVE_ANON, 32);
        f.read(p, buf + 123);
        f.write(p, buf + 123, 'Z'); // the PTE was mapped writable (exclusive): the CPU sets D
        f.age(p, buf, 1);

        f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(f.event(VmEvent.PSWPOUT)).isEqualTo(5);
        assertThat(f.read(p, buf + 123)).isEqualTo('Z');
        f.checkInvariants();
    }

    @Test
    void aWriteFaultOnASwappedPageTakesItOutOfTheSwapCache() {
        f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        f.write(p, buf + 4096 + 5, 'x');

        long pfn = Pte.pfn(f.pte(p, buf + 4096));
        // should_try_to_free_swap(): a write fault, refcount 2 (the fault's and the cache's)
        assertThat(f.swap.cache().isSwapCache(pfn)).isFalse();
        assertThat(Pte.isDirty(f.pte(p, buf + 4096))).isTrue();
        assertThat(f.swap.nrSwapPages()).isEqualTo(4091 + 1);
        assertThat(f.read(p, buf + 4096 + 123)).isEqualTo('B');
        f.checkInvariants();
    }

    @Test
    void theFirstAndLastBytesOfAPageSurviveTheTrip() {
        long page = f.mapAnon(p, 1);
        f.write(p, page, 0x11);
        f.write(p, page + 4095, 0xfe);
        f.age(p, page, 1);
        f.age(p, buf, 4);

        f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(Pte.isSwapEntry(f.pte(p, page))).isTrue();
        assertThat(f.read(p, page)).isEqualTo(0x11);
        assertThat(f.read(p, page + 4094)).isZero();
        assertThat(f.read(p, page + 4095)).isEqualTo(0xfe);
        f.checkInvariants();
    }

    @Test
    void aPageOfZerosIsOnlyMarkedInTheZeromap() {
        long zeros = f.mapAnon(p, 1);
        f.write(p, zeros, 0); // a store of 0: the page holds no data
        f.age(p, zeros, 1);
        f.age(p, buf, 4);

        f.shrinkInactive(LruList.INACTIVE_ANON, 32);

        assertThat(f.event(VmEvent.SWPOUT_ZERO)).isEqualTo(1);
        assertThat(f.event(VmEvent.PSWPOUT)).isEqualTo(4);
        assertThat(f.read(p, zeros)).isZero();
        assertThat(f.event(VmEvent.SWPIN_ZERO)).isEqualTo(1);
        f.checkInvariants();
    }
}
