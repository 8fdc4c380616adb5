package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.MB;
import static io.mmspec.runtime.mm.pagealloc.PageAllocator.NO_PAGE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * __alloc_pages_slowpath() against recording hooks, on a 16 MiB machine (DMA only) with THP:
 * min_free_kbytes = 780 (5% cap: 3906 / 20 = 195 pages), so DMA min 195, low 243, high 291.
 */
class SlowPathTest {
    private final RecordingHooks hooks = new RecordingHooks();
    private final PageAllocator a = new PageAllocator(PageAllocConfig.of(16 * MB, 1), hooks);
    private final Deque<Long> held = new ArrayDeque<>();

    /**
     * The slow path wakes kswapd (naming the request's highest zone, Normal) iff the fast path
     * failed: order 0 with lowmem_reserve[Normal] 0 passes iff free &gt; low, where low includes
     * the boost. A boost itself wakes kswapd for its own zone: once the UNMOVABLE lists run dry,
     * claiming the small MOVABLE blocks of pageblock 0 raises the boost by a pageblock,
     * min(0 + 512, max(512, high 291 * 15000 / 10000 = 436)) = 512.
     */
    @Test
    void wakesKswapdExactlyWhenTheFastPathFailsAtLow() {
        ZoneView dma = a.zone(ZoneType.DMA);
        assertThat(dma.lowWatermark()).isEqualTo(243);
        long pfn;
        do {
            long freeBefore = dma.nrFreePages();
            long lowBefore = dma.lowWatermark();
            long slowWakesBefore = slowPathWakes();
            pfn = a.allocPages(0, Gfp.GFP_KERNEL, 0);
            boolean woke = slowPathWakes() > slowWakesBefore;
            assertThat(woke).as("%d free, low %d", freeBefore, lowBefore).isEqualTo(freeBefore <= lowBefore);
            held.push(pfn);
        } while (pfn != NO_PAGE);
        assertThat(slowPathWakes()).isPositive();
        assertThat(hooks.kswapdWakes).contains("DMA order 0 highest DMA");
        assertThat(dma.watermarkBoost()).isEqualTo(512);
        assertThat(dma.lowWatermark()).isEqualTo(243 + 512);
        a.checkInvariants();
    }

    private long slowPathWakes() {
        return hooks.kswapdWakes.stream().filter(w -> w.equals("DMA order 0 highest Normal")).count();
    }

    @Test
    void directReclaimThatFreesPagesLetsTheAllocationSucceed() {
        fillUntilFailure(Gfp.GFP_KERNEL);
        int stallsBefore = hooks.directReclaims;
        // the freed pages land on the per-CPU list; the allocator drains it and retries
        hooks.reclaim = () -> {
            for (int i = 0; i < 1024; i++) {
                a.freePages(held.pop(), 0, 0);
            }
            return 1024;
        };
        long pfn = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        assertThat(pfn).isNotEqualTo(NO_PAGE);
        assertThat(hooks.directReclaims).isEqualTo(stallsBefore + 1);
        // GFP_KERNEL's highest zone is Normal even on a machine without one
        assertThat(a.counter("allocstall_normal")).isEqualTo(hooks.directReclaims);
        a.checkInvariants();
    }

    @Test
    void countsAllocstallMovableForUserPages() {
        // one failing allocation, nothing reclaimable: one direct reclaim, counted by its highest zone
        fillUntilFailure(Gfp.GFP_HIGHUSER_MOVABLE);
        assertThat(a.counter("allocstall_movable")).isEqualTo(1);
        assertThat(a.counter("allocstall_normal")).isZero();
    }

    @Test
    void retriesReclaimSixteenTimesWhileReclaimablePagesCouldSatisfyTheRequest() {
        fillUntilFailure(Gfp.GFP_KERNEL);
        hooks.directReclaims = 0;
        hooks.ooms = 0;
        hooks.reclaimable = 100_000;
        // no progress each time: no_progress_loops 1..17, the 17th exceeds MAX_RECLAIM_RETRIES
        assertThat(a.allocPages(0, Gfp.GFP_KERNEL, 0)).isEqualTo(NO_PAGE);
        assertThat(hooks.directReclaims).isEqualTo(17);
        assertThat(hooks.ooms).isEqualTo(1);
    }

    @Test
    void theOomKillerIsAskedOnlyForRequestsItCanHelp() {
        fillUntilFailure(Gfp.GFP_KERNEL);
        hooks.ooms = 0;
        // costly order, __GFP_RETRY_MAYFAIL, a lowmem-only request: no OOM kill
        assertThat(a.allocPages(4, Gfp.GFP_KERNEL, 0)).isEqualTo(NO_PAGE);
        assertThat(a.allocPages(0, Gfp.GFP_KERNEL.or(Gfp.__GFP_RETRY_MAYFAIL), 0)).isEqualTo(NO_PAGE);
        assertThat(a.allocPages(0, Gfp.GFP_KERNEL.or(Gfp.GFP_DMA), 0)).isEqualTo(NO_PAGE);
        assertThat(hooks.ooms).isZero();
        // __GFP_NORETRY gives up after one reclaim, before the OOM killer
        int reclaims = hooks.directReclaims;
        assertThat(a.allocPages(0, Gfp.GFP_KERNEL.or(Gfp.__GFP_NORETRY), 0)).isEqualTo(NO_PAGE);
        assertThat(hooks.directReclaims).isEqualTo(reclaims + 1);
        assertThat(hooks.ooms).isZero();
    }

    @Test
    void anOomKillThatFreesMemoryLetsTheAllocationRetryAndSucceed() {
        fillUntilFailure(Gfp.GFP_KERNEL);
        hooks.ooms = 0;
        hooks.oom = () -> {
            while (!held.isEmpty()) {
                a.freePages(held.pop(), 0, 0);
            }
            return 1;
        };
        assertThat(a.allocPages(0, Gfp.GFP_KERNEL, 0)).isNotEqualTo(NO_PAGE);
        assertThat(hooks.ooms).isEqualTo(1);
        a.checkInvariants();
    }

    @Test
    void anOomKillerThatNeverFreesAnythingCannotHangTheSimulation() {
        fillUntilFailure(Gfp.GFP_KERNEL);
        hooks.ooms = 0;
        hooks.oom = () -> 1;
        assertThat(a.allocPages(0, Gfp.GFP_KERNEL, 0)).isEqualTo(NO_PAGE);
        assertThat(hooks.ooms).isEqualTo(SlowPath.MAX_ROUNDS);
    }

    @Test
    void pfMemallocIgnoresTheWatermarks() {
        fillUntilFailure(Gfp.GFP_KERNEL);
        long free = a.zone(ZoneType.DMA).nrFreePages();
        assertThat(free).isPositive();
        assertThat(a.allocPages(0, Gfp.GFP_KERNEL, 0, AllocContext.PF_MEMALLOC)).isNotEqualTo(NO_PAGE);
    }

    @Test
    void formatsTheAllocationFailureLine() {
        assertThat(PageAllocator.allocationFailureMessage("firefox", 0, Gfp.GFP_HIGHUSER_MOVABLE.or(Gfp.__GFP_COMP)))
                .isEqualTo("firefox: page allocation failure: order:0, mode:0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP),"
                        + " nodemask=(null),cpuset=/,mems_allowed=0");
    }

    private void fillUntilFailure(Gfp gfp) {
        long pfn;
        while ((pfn = a.allocPages(0, gfp, 0)) != NO_PAGE) {
            held.push(pfn);
        }
    }
}
