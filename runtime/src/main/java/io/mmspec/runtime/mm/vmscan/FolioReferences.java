package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.memory.Rmap;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.pagealloc.PageFlags;

/**
 * Was a folio used lately? Mirrors mm/rmap.c: folio_referenced() / folio_referenced_one() (test
 * and clear the accessed bit of every PTE that maps the folio, through the reverse map) and
 * mm/vmscan.c: folio_check_references():
 *
 * <pre>
 *   in a VM_LOCKED VMA ............................. mlock it; ACTIVATE (it ends unevictable)
 *   PTE-referenced: set PG_referenced, then
 *       PG_referenced was set, or &gt; 1 young PTE ...... ACTIVATE
 *       file page mapped VM_EXEC ................... ACTIVATE
 *       otherwise .................................. KEEP (another trip round the inactive list)
 *   not PTE-referenced: PG_referenced on a file page  RECLAIM_CLEAN, else RECLAIM
 * </pre>
 *
 * x86's ptep_clear_flush_young() clears the bit without a TLB flush, trusting the next context
 * switch to drop the stale entry. The simulated TLBs keep entries until told otherwise, so here
 * the cleared PTE is flushed (flush_tlb_range()); otherwise a page in use would look unused for
 * as long as its translation stayed cached.
 */
final class FolioReferences implements Rmap.Visitor {
    enum Reference { RECLAIM, RECLAIM_CLEAN, KEEP, ACTIVATE }

    private final Reclaim r;
    private long pfn;
    private int referenced;
    private long vmFlags;
    private int remaining;
    private boolean stop;

    FolioReferences(Reclaim reclaim) {
        this.r = reclaim;
    }

    /**
     * folio_referenced(): how many mappings of the folio were young (their accessed bits are now
     * clear); {@link #vmFlags()} then holds the flags of those VMAs, plus VM_LOCKED if one was
     * locked.
     */
    int folioReferenced(long folio) {
        pfn = folio;
        referenced = 0;
        vmFlags = 0;
        stop = false;
        remaining = r.memMap.mapcount(folio);
        if (remaining == 0 || r.memMap.mapping(folio) == null) {
            return 0;
        }
        r.rmap.walk(folio, this);
        return referenced;
    }

    long vmFlags() {
        return vmFlags;
    }

    @Override
    public void visit(MmStruct mm, Vma vma, long address, long pte) {
        if (stop) {
            return;
        }
        r.meter.charge(r.costs.memoryAccessNs());
        if ((vma.flags() & VmFlags.VM_LOCKED) != 0) {
            if ((vma.flags() & VmFlags.VM_SPECIAL) == 0) {
                r.lruvec.mlockFolio(pfn); // mlock_vma_folio(): restore the mlock that got missed
            }
            vmFlags |= VmFlags.VM_LOCKED;
            stop = true;
            return;
        }
        if (Pte.isYoung(pte)) {
            MmuContext context = MmOps.context(mm);
            context.pageTable().setPte(address, Pte.mkold(pte));
            r.mmu.flushTlbMmRange(r.current.cpu(), context, address, address + 4096, false);
            r.meter.charge(r.costs.tlbFlushNs());
            referenced++;
            vmFlags |= vma.flags() & ~VmFlags.VM_LOCKED;
        }
        if (--remaining == 0) {
            stop = true;
        }
    }

    /** folio_check_references(), for a folio on its way through the inactive list. */
    Reference check(long folio) {
        int referencedPtes = folioReferenced(folio);
        if ((vmFlags & VmFlags.VM_LOCKED) != 0) {
            return Reference.ACTIVATE;
        }
        boolean referencedFolio = r.memMap.testAndClearFlag(folio, PageFlags.PG_referenced);
        boolean file = !r.memMap.testFlag(folio, PageFlags.PG_swapbacked);
        if (referencedPtes > 0) {
            r.memMap.setFlag(folio, PageFlags.PG_referenced);
            if (referencedFolio || referencedPtes > 1) {
                return Reference.ACTIVATE;
            }
            if ((vmFlags & VmFlags.VM_EXEC) != 0 && file) {
                return Reference.ACTIVATE;
            }
            return Reference.KEEP;
        }
        if (referencedFolio && file) {
            return Reference.RECLAIM_CLEAN;
        }
        return Reference.RECLAIM;
    }
}
