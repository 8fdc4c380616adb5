package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.PageTable;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.sim.Current;

/**
 * fork()'s copy of the page tables. Mirrors mm/memory.c: copy_page_range(), copy_pte_range(),
 * copy_present_pte() and mm/huge_memory.c: copy_huge_pmd(). dup_mmap() calls it only for VMAs
 * that hold anonymous pages (vma_needs_copy()); file pages elsewhere are faulted in again by
 * the child from the page cache. In a private mapping both parent and child PTEs are write-protected so
 * that the first write of either copies the page (COW); each shared page gains a mapping.
 * dup_mmap() calls it VMA by VMA; the parent's write-protected range is flushed each time.
 */
public final class CopyPageRange {
    private final PageRefs refs;
    private final ZeroPages zero;
    private final Mmu mmu;
    private final Current current;
    private SwapPages swap;

    public void setSwap(SwapPages swapper) {
        this.swap = swapper;
    }

    public CopyPageRange(PageRefs refs, ZeroPages zero, Mmu mmu, Current current) {
        this.refs = refs;
        this.zero = zero;
        this.mmu = mmu;
        this.current = current;
    }

    /**
     * copy_page_range() for one VMA: nothing if the child can fault the pages in again;
     * otherwise every entry is shared, write-protected on both sides for a private mapping,
     * and the parent's stale writable translations are flushed.
     */
    public void copyVma(MmStruct parent, MmuContext parentCtx, Vma vma, MmStruct child, MmuContext childCtx) {
        copyEntries(vma, parentCtx.pageTable(), child, childCtx.pageTable());
        if ((vma.flags() & VmFlags.VM_SHARED) == 0) {
            mmu.flushTlbMmRange(current.cpu(), parentCtx, vma.start(), vma.end(), false);
        }
    }

    private void copyEntries(Vma vma, PageTable src, MmStruct child, PageTable dst) {
        boolean cow = (vma.flags() & VmFlags.VM_SHARED) == 0;
        src.forEachLeaf(vma.start(), vma.end(), (address, entry, huge) -> {
            if (!Pte.isPresent(entry)) {
                // copy_nonpresent_pte(): both share the slot; neither holds it exclusively now
                long shared = swap.duplicate(entry);
                dst.setPte(address, shared);
                child.addCounter(MmCounter.MM_SWAPENTS, 1);
                return shared;
            }
            long pfn = Pte.pfn(entry);
            long copied = cow ? Pte.wrprotect(entry) : entry;
            if (!zero.isZeroPfn(pfn)) {
                refs.addMapping(pfn);
                int pages = huge ? HugeAnonFault.HPAGE_NR : 1;
                child.addCounter(refs.mmCounter(pfn), pages);
            }
            if (huge) {
                dst.setPmdLeaf(address, copied, true);
            } else {
                dst.setPte(address, copied);
            }
            return copied;
        });
    }
}
