package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.filemap.PageCache;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * Writes to present, write-protected PTEs. Mirrors mm/memory.c: do_wp_page():
 * <ul>
 *   <li>shared mapping: wp_page_shared() dirties the page-cache page and makes the PTE writable;
 *   <li>private, an anonymous page mapped once (exclusive): wp_page_reuse(), no copy, pgreuse;
 *   <li>otherwise wp_page_copy(): a new page (zeroed if the old one was the zero page, a copy
 *       otherwise), the old mapping dropped, and the stale translation flushed from every CPU
 *       that ran the mm (ptep_clear_flush).
 * </ul>
 */
public final class WpFault {
    private final PageRefs refs;
    private final ZeroPages zero;
    private final PageCache pageCache;
    private final VmEventCounters events;
    private final Mmu mmu;

    public WpFault(PageRefs refs, ZeroPages zero, PageCache pageCache, VmEventCounters events, Mmu mmu) {
        this.mmu = mmu;
        this.refs = refs;
        this.zero = zero;
        this.pageCache = pageCache;
        this.events = events;
    }

    int doWpPage(VmFaultInfo vmf, long pte) {
        long oldPfn = Pte.pfn(pte);
        long flags = vmf.vma.flags();
        if ((flags & VmFlags.VM_SHARED) != 0) {
            vmf.kind = VmFaultInfo.Kind.WP_SHARED;
            pageCache.markDirty(oldPfn);
            return makeWritable(vmf, pte, oldPfn);
        }
        MemMap memMap = refs.memMap();
        boolean exclusive = !zero.isZeroPfn(oldPfn) && refs.isAnon(oldPfn) && memMap.mapcount(oldPfn) == 1;
        if (exclusive) {
            refs.freeSwapIfUnused(oldPfn); // folio_free_swap(): the swap cache's reference goes first
        }
        if (exclusive && memMap.refcount(oldPfn) == 1) {
            vmf.kind = VmFaultInfo.Kind.WP_REUSE;
            events.count(VmEvent.PGREUSE);
            return makeWritable(vmf, pte, oldPfn);
        }
        return wpPageCopy(vmf, oldPfn, pte);
    }

    private int makeWritable(VmFaultInfo vmf, long pte, long pfn) {
        vmf.context.pageTable().setPte(vmf.address, pte | Pte.RW | Pte.DIRTY | Pte.ACCESSED);
        // an upgrade needs no flush: the #PF dropped the stale entry and the retry walks again
        vmf.pfn = pfn;
        return VmFault.OK;
    }

    /**
     * wp_page_copy(). The old page is pinned while the new one is allocated, and the PTE checked
     * again afterwards (pte_same): the allocation may reclaim, and reclaim may have swapped the
     * old page out meanwhile; then the fault is simply retried.
     */
    private int wpPageCopy(VmFaultInfo vmf, long oldPfn, long origPte) {
        boolean fromZero = zero.isZeroPfn(oldPfn);
        boolean oldAnon = !fromZero && refs.isAnon(oldPfn);
        MmCounter oldCounter = fromZero ? null : refs.mmCounter(oldPfn);
        if (!fromZero) {
            refs.memMap().incRefcount(oldPfn);
        }
        long pfn = refs.allocUserPage(0, fromZero, vmf.cpu);
        if (pfn < 0 || vmf.context.pageTable().pte(vmf.address) != origPte) {
            if (pfn >= 0) {
                refs.put(pfn, 0, vmf.cpu);
            }
            if (!fromZero) {
                refs.put(oldPfn, 0, vmf.cpu);
            }
            return pfn < 0 ? VmFault.OOM : VmFault.OK;
        }
        if (!fromZero) {
            refs.copyPage(oldPfn, pfn);
        }
        refs.addNewAnonRmap(pfn, 0, vmf.anonVma(), AnonFault.linearPageIndex(vmf), vmf.vma.flags());
        vmf.context.pageTable().setPte(vmf.address, AnonFault.userPte(pfn, vmf.vma.flags(), true));
        mmu.flushTlbMmRange(vmf.cpu, vmf.context, vmf.address, vmf.address + 4096, false);
        vmf.mm.addCounter(MmCounter.MM_ANONPAGES, 1);
        if (!fromZero) {
            vmf.mm.addCounter(oldCounter, -1);
            refs.removeMapping(oldPfn, 0, vmf.cpu);
            refs.put(oldPfn, 0, vmf.cpu); // the pin
        }
        vmf.kind = fromZero ? VmFaultInfo.Kind.COW_ZERO
                : oldAnon ? VmFaultInfo.Kind.COW_COPY : VmFaultInfo.Kind.FILE_COW;
        vmf.pfn = pfn;
        return VmFault.OK;
    }
}
