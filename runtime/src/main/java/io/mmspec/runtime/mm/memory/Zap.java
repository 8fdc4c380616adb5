package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.filemap.PageCache;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.sim.Current;

/**
 * Unmapping user pages. Mirrors mm/memory.c: zap_pte_range() / zap_huge_pmd() through
 * unmap_vmas(), then free_pgtables() and the TLB flush of tlb_finish_mmu(): every page loses
 * one mapping (and is freed with its last reference), a dirty PTE of a file page marks the
 * page dirty so that nothing written is lost, and the RSS counters follow.
 */
public final class Zap {
    private final PageRefs refs;
    private final ZeroPages zero;
    private final PageCache pageCache;
    private final Mmu mmu;
    private final Current current;
    private SwapPages swap;

    public void setSwap(SwapPages swapper) {
        this.swap = swapper;
    }

    public Zap(PageRefs refs, ZeroPages zero, PageCache pageCache, Mmu mmu, Current current) {
        this.refs = refs;
        this.zero = zero;
        this.pageCache = pageCache;
        this.mmu = mmu;
        this.current = current;
    }

    /** Unmaps [start, end) of {@code vma} and flushes the range from every CPU that ran the mm. */
    public void zapRange(MmStruct mm, MmuContext context, Vma vma, long start, long end) {
        unmapLeaves(mm, context, start, end);
        context.pageTable().freeEmptyTables(start, end);
        mmu.flushTlbMmRange(current.cpu(), context, start, end, true);
    }

    private void unmapLeaves(MmStruct mm, MmuContext context, long start, long end) {
        int cpu = current.cpu();
        context.pageTable().forEachLeaf(start, end, (address, entry, huge) -> {
            if (!Pte.isPresent(entry)) {
                mm.addCounter(MmCounter.MM_SWAPENTS, -1); // zap_nonpresent_ptes()
                swap.freeSwapAndCache(entry);
                return 0;
            }
            long pfn = Pte.pfn(entry);
            if (zero.isZeroPfn(pfn)) {
                return 0;
            }
            if (!refs.isAnon(pfn) && Pte.isDirty(entry)) {
                pageCache.markDirty(pfn);
            }
            int order = huge ? ZeroPages.HPAGE_PMD_ORDER : 0;
            mm.addCounter(refs.mmCounter(pfn), -(1L << order));
            refs.removeMapping(pfn, order, cpu);
            return 0;
        });
    }
}
