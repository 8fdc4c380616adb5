package io.mmspec.runtime.mm.vmalloc;

/**
 * A snapshot of a live vmalloc area, what find_vm_area() returns (struct vm_struct).
 *
 * @param addr      vm->addr, the first byte
 * @param size      vm->size: the mapped bytes plus the guard page
 * @param nrPages   vm->nr_pages, 4 KB pages
 * @param pageOrder vm->page_order: 0 for PTE mappings, 9 for PMD mappings (vmalloc_huge)
 * @param caller    vm->caller as the allocating code named it
 * @param vpages    the pages array is itself vmalloc'd (more than 512 pages)
 */
public record VmStruct(long addr, long size, int nrPages, int pageOrder, String caller, boolean vpages) {
    static VmStruct of(VmapArea area) {
        return new VmStruct(area.vaStart, area.size(), area.nrPages, area.pageOrder, area.caller,
                area.pagesArea != null);
    }

    /** get_vm_area_size(): the size without the guard page. */
    public long mappedSize() {
        return size - Vmalloc.PAGE_SIZE;
    }

    /** The page-table entries mapping the area: PMD leaves for order 9, PTEs for order 0. */
    public int mappings() {
        return nrPages >> pageOrder;
    }
}
