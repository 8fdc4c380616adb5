package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.memory.VmFault;
import io.mmspec.runtime.mm.swap.SwapEntry;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * VMA-based swap readahead (mm/swap_state.c: swap_vma_readahead(), swap_ra_info()), the
 * kernel's default on non-rotational swap. The window comes from __swapin_nr_pages() with the
 * VMA's previous fault, hits and window (page-cluster 3: at most 8 pages):
 *
 * <pre>
 *   no hits:  2 if the fault is next to the previous one, else 1
 *   hits h:   h + 2 rounded up to a power of two, at least 4, at most 8; never below prev / 2
 *   placed:   forward [f, f + win) after the previous fault, backward [f - win + 1, f] before
 *             it; clipped to the VMA and to the 2 MB of the fault
 * </pre>
 *
 * Every page is written with data, so each swapped page has a slot on the device (no zeromap).
 */
class SwapVmaReadaheadTest {
    private static final long PAGE = 4096;
    /** A 2 MB boundary far from where mmap puts things by itself. */
    private static final long PMD_BOUNDARY = 0x1_0020_0000L;

    private ReclaimFixture f;
    private Task p;

    @BeforeEach
    void boot() {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 60);
        p = f.spawn("p", 100);
    }

    @Test
    void sequentialFaultsGrowTheWindowToEightAndHitTheReadaheadPages() {
        long buf = swappedOut(0, 24);

        // page 0: the VMA has no state (previous fault at 0, no hits): window 1
        fault(buf, 0, true, 1, 0, 0);
        // page 1: next to page 0, no hits: window 2 forward = pages 1, 2
        fault(buf, 1, true, 3, 1, 0);
        fault(buf, 2, false, 3, 1, 1);
        // page 3: 1 hit, 1 + 2 = 3 rounded up to 4: pages 3..6
        fault(buf, 3, true, 7, 4, 1);
        for (int page = 4; page <= 6; page++) {
            fault(buf, page, false, 7, 4, page - 2);
        }
        // page 7: 3 hits, 5 rounded up to 8: pages 7..14
        fault(buf, 7, true, 15, 11, 4);
        for (int page = 8; page <= 14; page++) {
            fault(buf, page, false, 15, 11, page - 3);
        }
        // page 15: 7 hits, 9 rounded up to 16, capped at 1 << page-cluster = 8: pages 15..22
        fault(buf, 15, true, 23, 18, 11);
        for (int page = 16; page <= 22; page++) {
            fault(buf, page, false, 23, 18, page - 4);
        }
        // page 23: window 8 again, but the VMA ends after page 23: nothing read ahead
        fault(buf, 23, true, 24, 18, 18);
        assertThat(f.event(VmEvent.PGMAJFAULT)).isEqualTo(6);
    }

    @Test
    void pageClusterOneCapsTheWindowAtTwoPages() {
        f.swap.setPageCluster(1); // vm.page-cluster = 1: at most 1 << 1 = 2 pages
        long buf = swappedOut(0, 8);

        fault(buf, 0, true, 1, 0, 0);  // no state: window 1
        fault(buf, 1, true, 3, 1, 0);  // next to page 0: window 2 = pages 1, 2
        fault(buf, 2, false, 3, 1, 1);
        fault(buf, 3, true, 5, 2, 1);  // 1 hit: 3 rounded up to 4, capped at 2 = pages 3, 4
        fault(buf, 4, false, 5, 2, 2);
        fault(buf, 5, true, 7, 3, 2);  // capped at 2 again = pages 5, 6
    }

    @Test
    void faultsGoingDownReadTheWindowBackward() {
        long buf = swappedOut(0, 24);

        fault(buf, 23, true, 1, 0, 0); // window 1
        // page 22 is just below the previous fault: window 2 backward = pages 21, 22
        fault(buf, 22, true, 3, 1, 0);
        fault(buf, 21, false, 3, 1, 1);
        // page 20: 1 hit, window 4 backward = pages 17..20
        fault(buf, 20, true, 7, 4, 1);
        assertThat(Pte.isSwapEntry(f.pte(p, buf + 16 * PAGE))).isTrue();
        assertThat(f.swap.cache().lookup(SwapEntry.fromPte(f.pte(p, buf + 16 * PAGE)))).isNegative();
        fault(buf, 17, false, 7, 4, 2);
    }

    @Test
    void theWindowStopsAtTheTwoMegabyteBoundary() {
        // 16 pages, the first 4 below the boundary: pages 0..3 in one PMD, 4..15 in the next
        long buf = swappedOut(PMD_BOUNDARY - 4 * PAGE, 16);

        fault(buf, 0, true, 1, 0, 0);
        fault(buf, 1, true, 3, 1, 0); // window 2: pages 1, 2
        fault(buf, 2, false, 3, 1, 1);
        // page 3: window 4 would be pages 3..6, but 4..6 are in the next PMD: only page 3 is read
        fault(buf, 3, true, 4, 1, 1);
        // page 4: no hits since the last read, next to page 3: 2, not below 4 / 2: pages 4, 5
        fault(buf, 4, true, 6, 2, 1);
        fault(buf, 5, false, 6, 2, 2);
    }

    @Test
    void pagesOfAnotherVmaInTheNextSlotsAreNotReadAhead() {
        // A's 4 pages take slots 1..4 and B's 4 pages slots 5..8 (written in that order). B
        // follows A in the address space too, but is executable, so the two do not merge.
        long a = mapAt(PMD_BOUNDARY, 4, Prot.READ | Prot.WRITE);
        long b = mapAt(PMD_BOUNDARY + 4 * PAGE, 4, Prot.READ | Prot.WRITE | Prot.EXEC);
        writeAll(a, 4, 'a');
        writeAll(b, 4, 'b');
        f.age(p, a, 4);
        f.age(p, b, 4);
        assertThat(f.shrinkInactive(LruList.INACTIVE_ANON, 32)).isEqualTo(8);
        assertThat(Pte.swapOffset(f.pte(p, a + 3 * PAGE))).isEqualTo(4);
        assertThat(Pte.swapOffset(f.pte(p, b))).isEqualTo(5);
        f.checkInvariants();

        fault(a, 0, true, 1, 0, 0);
        fault(a, 1, true, 3, 1, 0);
        fault(a, 2, false, 3, 1, 1);
        // A's page 3, slot 4, with a window of 4. Offset readahead would read the aligned slots
        // 4..7, three of them B's; the VMA window [A3, A3 + 4) would reach B's first 3 pages,
        // but it ends with A: only slot 4 is read.
        fault(a, 3, true, 4, 1, 1);
        for (long slot = 5; slot <= 8; slot++) {
            assertThat(f.swap.cache().lookup(SwapEntry.of(0, slot))).isNegative();
        }
        // B's own state is empty: its first fault reads one page, a major fault
        fault(b, 0, true, 5, 1, 1);
        assertThat(f.read(p, b + 123)).isEqualTo('b');
        assertThat(f.read(p, a + 3 * PAGE + 123)).isEqualTo('a' + 3);
    }

    @Test
    void eachProcessKeepsItsOwnStateForAVmaAtTheSameAddress() {
        Task q = f.spawn("q", 101);
        long a = mapAt(PMD_BOUNDARY, 8, Prot.READ | Prot.WRITE);
        assertThat(f.m.syscalls().mmap(q, PMD_BOUNDARY, 8 * PAGE, Prot.READ | Prot.WRITE, MapFlags.PRIVATE, null, 0))
                .isEqualTo(a);
        writeAll(a, 8, 'p');
        for (int i = 0; i < 8; i++) {
            f.write(q, a + i * PAGE + 123, 'q');
        }
        f.age(p, a, 8);
        f.age(q, a, 8);
        assertThat(f.shrinkInactive(LruList.INACTIVE_ANON, 32)).isEqualTo(16);
        f.checkInvariants();

        fault(a, 0, true, 1, 0, 0);
        fault(a, 1, true, 3, 1, 0); // p's window 2: pages 1, 2
        // q's page 2 is next to p's last fault, but q's VMA has its own state (none yet):
        // window 1, nothing read ahead. One table for both would have given window 2.
        fault(q, a, 2, true, 4, 1, 0);
        fault(a, 2, false, 4, 1, 1); // p's page 2 was read ahead for p
    }

    /**
     * Reads page {@code page} of {@code buf} (a swap PTE before) in p or {@code task}, then checks the fault's kind,
     * pswpin, swap_ra and swap_ra_hit so far, and every invariant.
     */
    private void fault(long buf, int page, boolean major, long pswpin, long swapRa, long swapRaHit) {
        fault(p, buf, page, major, pswpin, swapRa, swapRaHit);
    }

    private void fault(Task task, long buf, int page, boolean major, long pswpin, long swapRa, long swapRaHit) {
        assertThat(Pte.isSwapEntry(f.pte(task, buf + page * PAGE))).as("page %d swapped", page).isTrue();
        f.read(task, buf + page * PAGE);
        assertThat(VmFault.isMajor((int) f.lastSwapInResult)).as("page %d major", page).isEqualTo(major);
        assertThat(f.event(VmEvent.PSWPIN)).as("pswpin after page %d", page).isEqualTo(pswpin);
        assertThat(f.event(VmEvent.SWAP_RA)).as("swap_ra after page %d", page).isEqualTo(swapRa);
        assertThat(f.event(VmEvent.SWAP_RA_HIT)).as("swap_ra_hit after page %d", page).isEqualTo(swapRaHit);
        f.checkInvariants();
    }

    /** {@code pages} written pages at {@code addr} (0: where mmap puts them), all swapped out. */
    private long swappedOut(long addr, int pages) {
        long buf = addr == 0 ? f.mapAnon(p, pages) : mapAt(addr, pages, Prot.READ | Prot.WRITE);
        writeAll(buf, pages, 'A');
        f.age(p, buf, pages);
        assertThat(f.shrinkInactive(LruList.INACTIVE_ANON, 32)).isEqualTo(pages);
        f.checkInvariants();
        return buf;
    }

    private long mapAt(long addr, int pages, int prot) {
        long buf = f.m.syscalls().mmap(p, addr, pages * PAGE, prot, MapFlags.PRIVATE, null, 0);
        assertThat(buf).isEqualTo(addr);
        return buf;
    }

    private void writeAll(long buf, int pages, int first) {
        for (int i = 0; i < pages; i++) {
            f.write(p, buf + i * PAGE + 123, first + i);
        }
    }
}
