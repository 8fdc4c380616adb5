package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.arch.PageTable;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.AnonVma;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * Transparent huge pages on anonymous faults. Mirrors mm/huge_memory.c:
 * thp_vma_allowable_order() (the thp mode, MADV_HUGEPAGE / MADV_NOHUGEPAGE, an aligned 2 MB
 * range inside the VMA), do_huge_pmd_anonymous_page() (a read maps the huge zero page, a write
 * allocates a 2 MB page, counting thp_fault_alloc, or falls back to 4 KB pages counting
 * thp_fault_fallback) and do_huge_pmd_wp_page() (reuse when exclusive; otherwise split the PMD
 * into 512 PTEs and let the 4 KB path copy the one page written).
 */
public final class HugeAnonFault {
    static final long HPAGE_SIZE = 2L << 20;
    static final int HPAGE_NR = 512;
    private static final int PMD_SHIFT = 21;

    private final PageRefs refs;
    private final ZeroPages zero;
    private final VmEventCounters events;
    private final ThpMode mode;
    private final Mmu mmu;

    public HugeAnonFault(PageRefs refs, ZeroPages zero, VmEventCounters events, ThpMode mode, Mmu mmu) {
        this.mmu = mmu;
        this.refs = refs;
        this.zero = zero;
        this.events = events;
        this.mode = mode;
    }

    /** thp_vma_allowable_order(vma, PMD_ORDER) for an anonymous private VMA. */
    boolean allowed(VmFaultInfo vmf) {
        long flags = vmf.vma.flags();
        if (vmf.vma.file() != null || (flags & VmFlags.VM_SHARED) != 0
                || (flags & VmFlags.VM_NOHUGEPAGE) != 0) {
            return false;
        }
        boolean enabled = mode == ThpMode.ALWAYS
                || (mode == ThpMode.MADVISE && (flags & VmFlags.VM_HUGEPAGE) != 0);
        long haddr = vmf.address & -HPAGE_SIZE;
        return enabled && haddr >= vmf.vma.start() && haddr + HPAGE_SIZE <= vmf.vma.end();
    }

    int doHugePmdAnonymousPage(VmFaultInfo vmf) {
        long haddr = vmf.address & -HPAGE_SIZE;
        long flags = vmf.vma.flags();
        PageTable pt = vmf.context.pageTable();
        if (!vmf.write) {
            long hzp = zero.hugeZeroPfn(vmf.cpu);
            if (hzp >= 0) {
                pt.setPmdLeaf(haddr, Pte.mkhuge(Pte.make(hzp, Pte.flags(zero.zeroPte(flags)))), true);
                vmf.kind = VmFaultInfo.Kind.THP_ZERO_PAGE;
                vmf.order = ZeroPages.HPAGE_PMD_ORDER;
                vmf.pfn = hzp;
                return VmFault.OK;
            }
        }
        long pfn = refs.allocUserPage(ZeroPages.HPAGE_PMD_ORDER, true, vmf.cpu);
        if (pfn < 0) {
            events.count(VmEvent.THP_FAULT_FALLBACK);
            return VmFault.FALLBACK;
        }
        refs.addNewAnonRmap(pfn, ZeroPages.HPAGE_PMD_ORDER, vmf.anonVma(), vmf.vma.pgoff() + ((haddr - vmf.vma.start()) >>> 12));
        pt.setPmdLeaf(haddr, Pte.mkhuge(AnonFault.userPte(pfn, flags, true)), true);
        vmf.mm.addCounter(MmCounter.MM_ANONPAGES, HPAGE_NR);
        events.count(VmEvent.THP_FAULT_ALLOC);
        vmf.kind = VmFaultInfo.Kind.THP_NEW_PAGE;
        vmf.order = ZeroPages.HPAGE_PMD_ORDER;
        vmf.pfn = pfn;
        return VmFault.OK;
    }

    /** do_huge_pmd_wp_page(), and a fault on a PMD leaf that only needs a fresh TLB entry. */
    int wpHugePmd(VmFaultInfo vmf, long pmd) {
        long haddr = vmf.address & -HPAGE_SIZE;
        long head = Pte.pfn(pmd);
        vmf.order = ZeroPages.HPAGE_PMD_ORDER;
        vmf.pfn = head;
        if (!vmf.write || Pte.isWrite(pmd)) {
            vmf.kind = VmFaultInfo.Kind.WP_REUSE;
            return VmFault.OK;
        }
        MemMap memMap = refs.memMap();
        if (!zero.isZeroPfn(head) && memMap.mapcount(head) == 1 && memMap.refcount(head) == 1) {
            vmf.context.pageTable().setPmdLeaf(haddr, pmd | Pte.RW | Pte.DIRTY | Pte.ACCESSED);
            events.count(VmEvent.PGREUSE);
            vmf.kind = VmFaultInfo.Kind.WP_REUSE;
            return VmFault.OK;
        }
        splitHugePmd(vmf.mm, haddr, pmd, vmf.vma.flags(), vmf.cpu);
        return VmFault.FALLBACK; // the 4 KB write-protect path copies the one page written
    }

    /**
     * Splits the huge mapping(s) of a THP so the 4 KB path can take over. The huge zero page:
     * only this PMD, each PTE mapping the 4 KB zero page (__split_huge_zero_page_pmd). A THP:
     * every PMD that maps it, found through its anon_vma, then the folio itself (split_folio),
     * 512 pages each carrying the huge page's mapping count.
     * <p>Linux 6.x splits only the writer's PMD and keeps the folio whole, PTE-mapped on that
     * side and PMD-mapped on the others; that needs a folio's entire mapcount kept apart from
     * its pages' ones, which this model does not have. So the other mappers lose their huge
     * mapping too (AnonHugePages drops), while every page, count and byte stays right.
     */
    void splitHugePmd(MmStruct owner, long haddr, long pmd, long vmFlags, int cpu) {
        long head = Pte.pfn(pmd);
        io.mmspec.runtime.arch.MmuContext context = MmOps.context(owner);
        PageTable pt = context.pageTable();
        if (zero.isZeroPfn(head)) {
            pt.clearPmdLeaf(haddr);
            long zeroPte = zero.zeroPte(vmFlags);
            for (int i = 0; i < HPAGE_NR; i++) {
                pt.setPte(haddr + ((long) i << 12), zeroPte);
            }
            events.count(VmEvent.THP_SPLIT_PMD);
            mmu.flushTlbMmRange(cpu, context, haddr, haddr + HPAGE_SIZE, PMD_SHIFT, false);
            return;
        }
        splitPmdAt(owner, haddr, head, cpu); // also when its VMA has already left the anon_vma
        Object mapping = refs.memMap().mapping(head);
        if (mapping instanceof AnonVma anonVma) {
            anonVma.root().rmapWalk(refs.memMap().index(head), (mm, vma, address) -> splitPmdAt(mm, address, head, cpu));
        }
        refs.splitHugePage(head, ZeroPages.HPAGE_PMD_ORDER);
        events.count(VmEvent.THP_SPLIT_PAGE);
    }

    /**
     * __split_huge_pmd() for an operation on part of a huge page (zap_pmd_range,
     * change_pmd_range, vma_adjust_trans_huge): a PMD leaf that [start, end) cuts through is
     * split first, so that the 4 KB entries can be handled one by one.
     */
    public void splitStraddling(MmStruct mm, long start, long end, long vmFlags, int cpu) {
        for (long edge : new long[] {start, end}) {
            if ((edge & (HPAGE_SIZE - 1)) == 0) {
                continue;
            }
            long haddr = edge & -HPAGE_SIZE;
            long entry = MmOps.context(mm).pageTable().pte(haddr);
            if (Pte.isPresent(entry) && Pte.isHuge(entry)) {
                splitHugePmd(mm, haddr, entry, vmFlags, cpu);
            }
        }
    }

    private void splitPmdAt(MmStruct mm, long address, long head, int cpu) {
        io.mmspec.runtime.arch.MmuContext context = MmOps.context(mm);
        long haddr = address & -HPAGE_SIZE;
        long entry = context.pageTable().pte(haddr);
        if (Pte.isPresent(entry) && Pte.isHuge(entry) && Pte.pfn(entry) == head) {
            context.pageTable().splitPmdLeaf(haddr);
            events.count(VmEvent.THP_SPLIT_PMD);
            mmu.flushTlbMmRange(cpu, context, haddr, haddr + HPAGE_SIZE, PMD_SHIFT, false);
        }
    }
}
