package io.mmspec.runtime.mm.pagealloc;

/**
 * What the allocator asks of reclaim and the OOM killer when the fast path fails. Mirrors the
 * calls __alloc_pages_slowpath() makes out of mm/page_alloc.c: wakeup_kswapd() (mm/vmscan.c),
 * try_to_free_pages() (mm/vmscan.c), out_of_memory() (mm/oom_kill.c),
 * zone_reclaimable_pages() (mm/vmscan.c) and warn_alloc().
 *
 * <p>Every method has a do-nothing default, so the allocator runs alone in tests; vmscan and
 * the OOM killer plug their own implementation in. The allocator may be re-entered from a
 * hook (reclaim freeing pages, an OOM kill freeing a victim's memory).
 */
public interface ReclaimHooks {
    /** Hooks that reclaim nothing and never kill. */
    ReclaimHooks NONE = new ReclaimHooks() {
    };

    /**
     * wakeup_kswapd(zone, gfp, order, highest_zoneidx): the fast path at the LOW watermark
     * failed (or a zone's watermark was boosted); kswapd should balance the node.
     */
    default void wakeKswapd(ZoneType zone, Gfp gfp, int order, ZoneType highestZone) {
    }

    /**
     * try_to_free_pages(): direct reclaim in the allocating task. The allocator has already
     * counted allocstall_&lt;highest zone&gt;.
     *
     * @return pages reclaimed (the kernel's "progress"); 0 when nothing could be freed
     */
    default long directReclaim(int order, Gfp gfp) {
        return 0;
    }

    /**
     * out_of_memory(): reclaim has failed for a non-costly request of a task that may kill.
     *
     * @return true if the OOM killer made progress (killed, or found a victim already dying) and
     *         the allocation should be retried
     */
    default boolean outOfMemory(int order, Gfp gfp) {
        return false;
    }

    /** zone_reclaimable_pages(): LRU pages reclaim could still free in the zone. */
    default long zoneReclaimablePages(ZoneType zone) {
        return 0;
    }

    /**
     * warn_alloc(): the allocation is about to fail and __GFP_NOWARN is not set. The line to log
     * is {@link PageAllocator#allocationFailureMessage(String, int, Gfp)}; rate limiting
     * (one report per 10 s) is the caller's, as it needs the clock.
     */
    default void warnAlloc(int order, Gfp gfp) {
    }
}
