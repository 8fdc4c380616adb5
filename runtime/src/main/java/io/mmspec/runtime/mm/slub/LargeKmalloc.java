package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;

/**
 * kmalloc() above KMALLOC_MAX_CACHE_SIZE: compound pages straight from the page allocator.
 * Mirrors mm/slub.c: ___kmalloc_large_node() (PGTY_large_kmalloc on the folio,
 * NR_SLAB_UNRECLAIMABLE_B += PAGE_SIZE &lt;&lt; order) and free_large_kmalloc(); the
 * WARN_ON_ONCE of __alloc_pages() for an order above MAX_PAGE_ORDER (a kmalloc above
 * KMALLOC_MAX_SIZE, 4 MiB).
 */
final class LargeKmalloc {
    /** ZERO_SIZE_PTR: what kmalloc(0) returns. */
    static final long ZERO_SIZE_PTR = 16;

    private final PageAllocator pages;
    private final MemMap map;
    private final SlubReport report;
    private long bytes;
    private boolean warnedOrder;

    LargeKmalloc(PageAllocator pages, SlubReport report) {
        this.pages = pages;
        this.map = pages.memMap();
        this.report = report;
    }

    long bytes() {
        return bytes;
    }

    static long address(long pfn) {
        return Slab.DIRECT_MAP + (pfn << MemMap.PAGE_SHIFT);
    }

    long alloc(long size, Gfp gfp, int cpu) {
        int order = PageAllocator.getOrder(size);
        if (order > PageAllocator.MAX_PAGE_ORDER) {
            if (!gfp.has(Gfp.__GFP_NOWARN) && !warnedOrder) {
                warnedOrder = true; // WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER, gfp)
                report.warn("WARNING: CPU: " + cpu + " PID: 0 at mm/page_alloc.c __alloc_frozen_pages_noprof");
            }
            return 0;
        }
        long pfn = pages.allocPages(order, report.fixFlags(gfp).or(Gfp.__GFP_COMP), cpu);
        if (pfn == PageAllocator.NO_PAGE) {
            return 0;
        }
        map.setPageType(pfn, PageFlags.PGTY_large_kmalloc);
        bytes += (long) MemMap.PAGE_SIZE << order;
        return address(pfn);
    }

    /** free_large_kmalloc() of the folio {@code addr} lies in. */
    void free(long addr, int cpu) {
        long head = headOf(addr);
        if (head < 0) {
            report.warn("page dumped because: Not a kmalloc allocation");
            return;
        }
        int order = map.folioOrder(head);
        bytes -= (long) MemMap.PAGE_SIZE << order;
        map.clearPageType(head);
        pages.freePages(head, order, cpu);
    }

    /** The head pfn of the large kmalloc holding {@code addr}, or -1. */
    long headOf(long addr) {
        long pfn = (addr - Slab.DIRECT_MAP) >> MemMap.PAGE_SHIFT;
        if (Long.compareUnsigned(addr, Slab.DIRECT_MAP) < 0 || pfn >= map.totalPages() || map.isFree(pfn)) {
            return -1;
        }
        long head = map.compoundHead(pfn);
        return map.pageType(head) == PageFlags.PGTY_large_kmalloc ? head : -1;
    }

    long end(long head) {
        return address(head) + ((long) MemMap.PAGE_SIZE << map.folioOrder(head));
    }

    long size(long addr) {
        long head = headOf(addr);
        return head < 0 ? 0 : (long) MemMap.PAGE_SIZE << map.folioOrder(head);
    }

    void write(long head, long off, byte[] data) {
        eachPage(off, data.length, (pfnOffset, inPage, done, n) ->
                map.writeBytes(head + pfnOffset, inPage, data, done, n));
    }

    void read(long head, long off, byte[] out) {
        eachPage(off, out.length, (pfnOffset, inPage, done, n) ->
                map.readBytes(head + pfnOffset, inPage, out, done, n));
    }

    /** One piece of a copy that stays inside one page of the allocation. */
    private interface PagePiece {
        void copy(long pfnOffset, int inPage, int done, int n);
    }

    /** Cuts [off, off + length) of the allocation at page boundaries. */
    private static void eachPage(long off, int length, PagePiece piece) {
        for (int done = 0; done < length; ) {
            long at = off + done;
            int inPage = (int) (at & (MemMap.PAGE_SIZE - 1));
            int n = Math.min(length - done, MemMap.PAGE_SIZE - inPage);
            piece.copy(at >>> MemMap.PAGE_SHIFT, inPage, done, n);
            done += n;
        }
    }
}
