package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.memory.Rmap;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.swap.SwapEntry;

/**
 * Taking a folio out of every page table that maps it. Mirrors mm/rmap.c: try_to_unmap() /
 * try_to_unmap_one() for an order-0 folio:
 *
 * <pre>
 *   each PTE found by the reverse map:
 *     VMA is VM_LOCKED ........ mlock the folio and stop (it stays mapped)
 *     clear and flush ......... a dirty PTE dirties the folio (its data is newer than any copy)
 *     anonymous ............... swap_duplicate(entry); the PTE becomes the swap entry
 *                               (exclusive, soft-dirty kept); MM_ANONPAGES-1, MM_SWAPENTS+1
 *     file .................... the PTE becomes none; MM_FILEPAGES-1
 *     folio_remove_rmap_pte()
 * </pre>
 *
 * The kernel batches the TLB flushes of a reclaim pass (TTU_BATCH_FLUSH); here each cleared PTE
 * is flushed at once, which leaves no stale translation either way. PG_anon_exclusive is not
 * kept by the fault code, so a page counts as exclusive when it has one mapping and no swap PTE
 * shares its slot: then its swap PTE may be mapped writable again without a copy.
 */
final class TryToUnmap implements Rmap.Visitor {
    private final Reclaim r;
    private long pfn;
    private boolean anon;
    private long swapPte;
    private boolean exclusive;
    private boolean abort;

    TryToUnmap(Reclaim reclaim) {
        this.r = reclaim;
    }

    /** try_to_unmap(); true if no PTE maps the folio any more. */
    boolean tryToUnmap(long folio) {
        pfn = folio;
        abort = false;
        anon = r.memMap.isAnon(folio);
        if (anon) {
            if (!r.swap.cache().isSwapCache(folio)) {
                return false; // folio_test_swapbacked() != folio_test_swapcache(): not ready
            }
            swapPte = r.swap.swapPteOf(folio);
            exclusive = r.memMap.mapcount(folio) == 1 && r.swap.swapCount(SwapEntry.fromPte(swapPte)) == 0;
        }
        r.rmap.walk(folio, this);
        return r.memMap.mapcount(folio) == 0;
    }

    @Override
    public void visit(MmStruct mm, Vma vma, long address, long pte) {
        if (abort) {
            return;
        }
        if ((vma.flags() & VmFlags.VM_LOCKED) != 0) {
            if ((vma.flags() & VmFlags.VM_SPECIAL) == 0) {
                r.lruvec.mlockFolio(pfn);
            }
            abort = true;
            return;
        }
        r.meter.charge(r.costs.memoryAccessNs());
        long replacement = 0;
        if (anon) {
            if (!r.swap.swapDuplicate(swapPte)) {
                abort = true;
                return;
            }
            replacement = exclusive ? Pte.swapMkExclusive(swapPte) : swapPte;
            if (Pte.isSoftDirty(pte)) {
                replacement = Pte.swapMkSoftDirty(replacement);
            }
            mm.addCounter(MmCounter.MM_ANONPAGES, -1);
            mm.addCounter(MmCounter.MM_SWAPENTS, 1);
        } else {
            mm.addCounter(MmCounter.MM_FILEPAGES, -1);
        }
        MmuContext context = MmOps.context(mm);
        context.pageTable().setPte(address, replacement);
        r.mmu.flushTlbMmRange(r.current.cpu(), context, address, address + 4096, false);
        r.meter.charge(r.costs.tlbFlushNs());
        if (Pte.isDirty(pte)) {
            if (anon) {
                r.memMap.setFlag(pfn, PageFlags.PG_dirty);
            } else {
                r.files.markDirty(pfn);
            }
        }
        r.refs.removeMapping(pfn, 0, r.current.cpu());
    }
}
