package io.mmspec.runtime.mm.vmalloc;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import java.util.Arrays;

/**
 * Recounts vmalloc's state, as the kernel's debug checks would (DEBUG_AUGMENT_PROPAGATE_CHECK
 * for the free tree; nothing in the kernel recounts the rest): busy, lazy and free ranges
 * tile the vmalloc range exactly; every live area is fully populated and its pfns are
 * allocated pages held by no other area; vmalloc_nr_pages() and vmap_lazy_nr match their
 * areas; no drain is left pending past lazy_max_pages().
 */
final class VmallocChecker {
    private final VmapSpace space;
    private final MemMap memMap;
    private final long nrVmallocPages;

    VmallocChecker(VmapSpace space, MemMap memMap, long nrVmallocPages) {
        this.space = space;
        this.memMap = memMap;
        this.nrVmallocPages = nrVmallocPages;
    }

    void check() {
        space.free.checkInvariants();
        checkTiling();
        checkBusyAreas();
        checkLazyAreas();
    }

    /** Busy, lazy and free ranges cover [0, limit) with no gap and no overlap. */
    private void checkTiling() {
        int n = space.busy.size() + space.lazy.size() + space.free.blockCount();
        long[][] ranges = new long[n][];
        int i = 0;
        for (int b = 0; b < space.busy.size(); b++) {
            ranges[i++] = range(space.busy.get(b), "busy");
        }
        for (int l = 0; l < space.lazy.size(); l++) {
            ranges[i++] = range(space.lazy.get(l), "lazy");
        }
        long[] free = space.free.ranges();
        for (int f = 0; f < free.length; f += 2) {
            ranges[i++] = new long[] {free[f], free[f + 1]};
        }
        Arrays.sort(ranges, (x, y) -> Long.compare(x[0], y[0]));
        long expected = 0;
        for (long[] r : ranges) {
            if (r[0] != expected) {
                throw new IllegalStateException(String.format("vmalloc range %s at 0x%x (expected 0x%x)",
                        r[0] < expected ? "overlaps" : "has a hole", space.base + r[0], space.base + expected));
            }
            expected = r[1];
        }
        if (expected != space.limit) {
            throw new IllegalStateException(String.format("vmalloc range ends at 0x%x, not 0x%x",
                    space.base + expected, space.base + space.limit));
        }
    }

    private long[] range(VmapArea area, String what) {
        if (area.vaEnd - area.vaStart <= 0 || ((area.vaStart | area.vaEnd) & (Vmalloc.PAGE_SIZE - 1)) != 0) {
            throw new IllegalStateException(String.format("%s vmap area 0x%x-0x%x is empty or unaligned",
                    what, area.vaStart, area.vaEnd));
        }
        return new long[] {area.vaStart - space.base, area.vaEnd - space.base};
    }

    private void checkBusyAreas() {
        long pages = 0;
        for (int i = 0; i < space.busy.size(); i++) {
            pages += space.busy.get(i).nrPages;
        }
        long[] pfns = new long[Math.toIntExact(pages)];
        int at = 0;
        for (int i = 0; i < space.busy.size(); i++) {
            VmapArea area = space.busy.get(i);
            if (area.lazy || (long) area.nrPages << Vmalloc.PAGE_SHIFT != area.mappedSize()) {
                throw new IllegalStateException(String.format("vmalloc area 0x%x maps %d pages of %d bytes%s",
                        area.vaStart, area.nrPages, area.mappedSize(), area.lazy ? " but is lazy" : ""));
            }
            if (area.pagesArea != null && space.findBusy(area.pagesArea.vaStart) != area.pagesArea) {
                throw new IllegalStateException(String.format("vmalloc area 0x%x: its pages array area is gone",
                        area.vaStart));
            }
            for (int p = 0; p < area.nrPages; p++) {
                long pfn = area.pages[p];
                if (memMap.refcount(pfn) < 1) {
                    throw new IllegalStateException(String.format(
                            "vmalloc area 0x%x maps pfn %d, which is free", area.vaStart, pfn));
                }
                pfns[at++] = pfn;
            }
        }
        Arrays.sort(pfns);
        for (int i = 1; i < pfns.length; i++) {
            if (pfns[i] == pfns[i - 1]) {
                throw new IllegalStateException("pfn " + pfns[i] + " is mapped by two vmalloc pages");
            }
        }
        if (pages != nrVmallocPages) {
            throw new IllegalStateException("vmalloc_nr_pages() is " + nrVmallocPages + " but areas hold " + pages);
        }
    }

    private void checkLazyAreas() {
        long lazyPages = 0;
        for (int i = 0; i < space.lazy.size(); i++) {
            VmapArea area = space.lazy.get(i);
            if (!area.lazy || area.nrPages != 0) {
                throw new IllegalStateException(String.format("lazy vmap area 0x%x still maps %d pages",
                        area.vaStart, area.nrPages));
            }
            lazyPages += area.vaPages();
        }
        if (lazyPages != space.lazyNr()) {
            throw new IllegalStateException("vmap_lazy_nr is " + space.lazyNr() + " but lazy areas hold " + lazyPages);
        }
        if (space.drainPending() || space.lazyNr() > space.lazyMaxPages()) {
            throw new IllegalStateException("vmap_lazy_nr " + space.lazyNr() + " above lazy_max_pages() "
                    + space.lazyMaxPages() + " with no purge");
        }
    }
}
