package io.mmspec.runtime.mm.vmalloc;

/**
 * One reserved range of the vmalloc space and what it maps: struct vmap_area (va_start,
 * va_end) and its struct vm_struct (flags, caller, pages, nr_pages, page_order) in one
 * object, since every area vmalloc makes has both. The range includes the guard page;
 * {@link #mappedSize()} is get_vm_area_size().
 */
final class VmapArea {
    /** VM_ALLOC: made by vmalloc (include/linux/vmalloc.h). */
    static final int VM_ALLOC = 0x2;
    /** VM_NO_GUARD: no guard page after the area. */
    static final int VM_NO_GUARD = 0x40;
    /** VM_ALLOW_HUGE_VMAP: vmalloc_huge() may map PMD-sized pages. */
    static final int VM_ALLOW_HUGE_VMAP = 0x400;

    final long vaStart;
    final long vaEnd;
    final int flags;
    final String caller;
    /** vm->pages: one pfn per 4 KB page, huge allocations split (split_page) as the kernel does. */
    long[] pages = new long[0];
    /** vm->nr_pages: pages taken so far (fewer than the area holds after a failure midway). */
    int nrPages;
    /** vm->page_order: 0, or 9 for PMD mappings. */
    int pageOrder;
    /** The area holding the pages array when it was vmalloc'd itself (" vpages"), else null. */
    VmapArea pagesArea;
    /** On the lazy purge list: unmapped, address range not yet reusable. */
    boolean lazy;

    VmapArea(long vaStart, long vaEnd, int flags, String caller) {
        this.vaStart = vaStart;
        this.vaEnd = vaEnd;
        this.flags = flags;
        this.caller = caller;
    }

    /** vm->size, va_size(): the whole range with the guard page. */
    long size() {
        return vaEnd - vaStart;
    }

    /** get_vm_area_size(): the size without the guard page. */
    long mappedSize() {
        return (flags & VM_NO_GUARD) != 0 ? size() : size() - Vmalloc.PAGE_SIZE;
    }

    /** The area's pages: vaEnd - vaStart in pages, guard included (what vmap_lazy_nr adds). */
    long vaPages() {
        return size() >>> Vmalloc.PAGE_SHIFT;
    }

    /** The pfn mapped at byte {@code offset} of the area, or -1 for the guard or a page not taken. */
    long pfnAt(long offset) {
        long index = offset >>> Vmalloc.PAGE_SHIFT;
        return !lazy && offset >= 0 && index < nrPages ? pages[(int) index] : -1;
    }
}
