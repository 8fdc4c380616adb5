package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.PageAllocator.MAX_PAGE_ORDER;

/**
 * Giving pages back. Mirrors mm/page_alloc.c: __free_pages() (put_page_testzero(), and the
 * freeing of a non-compound allocation's upper parts while someone else still holds the first
 * page), folio_put(), __free_frozen_pages(), __free_pages_ok(), free_one_page(),
 * free_pages_prepare() with free_tail_page_prepare() and free_page_is_bad(), and split_page().
 *
 * <p>free_pages_prepare() demands a clean page: refcount 0, mapcount 0, no mapping (an
 * anonymous one is cleared here), none of PAGE_FLAGS_CHECK_AT_FREE (off the LRU, unlocked, not
 * under writeback, not reserved). A page in any other state is a caller bug and throws, where
 * the kernel would print "BUG: Bad page state". Freed pages are zeroed (init_on_free=1), so a
 * free frame holds no data.
 */
final class FreePath {
    private final Node node;
    private final MemMap map;

    FreePath(Node node) {
        this.node = node;
        this.map = node.memMap;
    }

    /** __free_pages(): drop the caller's reference; free the block when it was the last. */
    boolean freePages(long pfn, int order, int cpu) {
        checkOrder(order);
        node.checkCpu(cpu);
        boolean head = map.isHead(pfn);
        if (map.refcount(pfn) == 0) {
            throw badPage(pfn, "freeing a page with refcount 0");
        }
        if (map.decRefcount(pfn) == 0) {
            freeFrozenPages(pfn, order, cpu);
            return true;
        }
        if (!head) {
            while (order-- > 0) {
                freeFrozenPages(pfn + (1L << order), order, cpu);
            }
        }
        return false;
    }

    /** folio_put(): drop a reference to the page's folio; free the folio at zero. */
    boolean putPage(long pfn, int cpu) {
        node.checkCpu(cpu);
        long head = map.compoundHead(pfn);
        if (map.refcount(head) == 0) {
            throw badPage(head, "put_page on a page with refcount 0");
        }
        if (map.decRefcount(head) != 0) {
            return false;
        }
        freeFrozenPages(head, map.folioOrder(head), cpu);
        return true;
    }

    /** split_page(): a non-compound order-n allocation becomes 2^n pages of refcount 1. */
    void splitPage(long pfn, int order) {
        checkOrder(order);
        if (map.isHead(pfn) || map.refcount(pfn) == 0) {
            throw badPage(pfn, "split_page needs an allocated non-compound page");
        }
        for (long p = pfn + 1; p < pfn + (1L << order); p++) {
            map.setRefcount(p, 1);
        }
    }

    /** __free_frozen_pages(): small orders through this CPU's lists, others straight to buddy. */
    private void freeFrozenPages(long pfn, int order, int cpu) {
        Zone zone = node.zoneOf(pfn);
        if (!PcpLists.pcpAllowedOrder(order)) {
            freePagesPrepare(zone, pfn, order);
            node.buddy.splitLargeBuddy(zone, pfn, order, false);
            node.events.pgfree += 1L << order;
            return;
        }
        freePagesPrepare(zone, pfn, order);
        node.events.pgfree += 1L << order;
        node.pcpLists.freeCommit(zone, zone.pcp[cpu], pfn, node.buddy.pageblockMt(pfn), order);
    }

    /** free_pages_prepare(): check the page is clean and reset it. */
    private void freePagesPrepare(Zone zone, long pfn, int order) {
        if (map.testAndClearFlag(pfn, PageFlags.PG_mlocked)) {
            node.events.unevictablePgsCleared += 1L << order;
        }
        boolean compound = map.isHead(pfn);
        if (map.isTail(pfn) || compound && map.folioOrder(pfn) != order) {
            throw badPage(pfn, "freed with order " + order + " but it is not a block of that order");
        }
        for (long tail = pfn + 1; tail < pfn + (1L << order); tail++) {
            if (compound && map.compoundHead(tail) != pfn) {
                throw badPage(tail, "compound_head not consistent");
            }
            map.clearCompound(tail);
            resetPage(tail);
        }
        if (map.isAnon(pfn)) {
            map.setMapping(pfn, null, false);
        }
        map.clearCompound(pfn);
        resetPage(pfn);
        zone.nrAllocated -= 1L << order;
    }

    /** free_page_is_bad(), then page->flags, private, page_type and (init_on_free) data reset. */
    private void resetPage(long pfn) {
        String reason = badReason(pfn);
        if (reason != null) {
            throw badPage(pfn, reason);
        }
        if (map.pageType(pfn) != 0) {
            map.clearPageType(pfn);
        }
        map.resetFlags(pfn);
        if (map.pagePrivate(pfn) != 0) {
            map.setPagePrivate(pfn, 0);
        }
        map.clearPage(pfn);
    }

    /** page_bad_reason(). */
    private String badReason(long pfn) {
        if (map.isBuddy(pfn)) {
            return "freeing a page that is already free";
        }
        if (map.mapcount(pfn) != 0) {
            return "nonzero mapcount";
        }
        if (map.mapping(pfn) != null) {
            return "non-NULL mapping";
        }
        if (map.refcount(pfn) != 0) {
            return "nonzero _refcount";
        }
        int bad = map.flags(pfn) & PageFlags.PAGE_FLAGS_CHECK_AT_FREE;
        if (bad != 0) {
            return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set: " + PageFlags.format(bad);
        }
        return null;
    }

    private static IllegalStateException badPage(long pfn, String reason) {
        return new IllegalStateException(String.format("BUG: Bad page state pfn:%05x: %s", pfn, reason));
    }

    private static void checkOrder(int order) {
        if (order < 0 || order > MAX_PAGE_ORDER) {
            throw new IllegalArgumentException("order " + order + " is outside 0.." + MAX_PAGE_ORDER);
        }
    }
}
