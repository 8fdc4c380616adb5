package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * The shared zero pages. Mirrors mm/memory.c's empty_zero_page (one 4 KB page of zeros every
 * untouched anonymous read maps, via pte_mkspecial) and mm/huge_memory.c's huge zero folio
 * (allocated on first use, counting thp_zero_page_alloc). Both are never written: a write
 * faults and copies (COW from the zero page).
 */
public final class ZeroPages {
    /** HPAGE_PMD_ORDER: 2 MB on x86-64. */
    public static final int HPAGE_PMD_ORDER = 9;

    private final PageAllocator allocator;
    private final VmEventCounters events;
    private final long zeroPfn;
    private long hugeZeroPfn = -1;

    public ZeroPages(PageAllocator allocator, VmEventCounters events, int cpu) {
        this.allocator = allocator;
        this.events = events;
        this.zeroPfn = allocator.allocPages(0, Gfp.GFP_KERNEL.or(Gfp.__GFP_ZERO), cpu);
        if (zeroPfn < 0) {
            throw new IllegalStateException("no memory for the zero page at boot");
        }
        allocator.memMap().setFlag(zeroPfn, PageFlags.PG_reserved);
    }

    public long zeroPfn() {
        return zeroPfn;
    }

    /** True for the 4 KB or the huge zero page. */
    public boolean isZeroPfn(long pfn) {
        return pfn == zeroPfn || (hugeZeroPfn >= 0 && pfn == hugeZeroPfn);
    }

    /** pte_mkspecial(pfn_pte(my_zero_pfn(addr), vma->vm_page_prot)): present, read-only. */
    public long zeroPte(long vmFlags) {
        long bits = Pte.PRESENT | Pte.USER | Pte.ACCESSED | Pte.SPECIAL;
        if ((vmFlags & VmFlags.VM_EXEC) == 0) {
            bits |= Pte.NX;
        }
        return Pte.make(zeroPfn, bits);
    }

    /** mm_get_huge_zero_folio(): the huge zero page, allocated on first use; -1 if it cannot be. */
    public long hugeZeroPfn(int cpu) {
        if (hugeZeroPfn < 0) {
            long pfn = allocator.allocPages(HPAGE_PMD_ORDER, Gfp.GFP_TRANSHUGE.or(Gfp.__GFP_ZERO), cpu);
            if (pfn < 0) {
                return -1;
            }
            allocator.memMap().setFlag(pfn, PageFlags.PG_reserved);
            hugeZeroPfn = pfn;
            events.count(VmEvent.THP_ZERO_PAGE_ALLOC);
        }
        return hugeZeroPfn;
    }
}
