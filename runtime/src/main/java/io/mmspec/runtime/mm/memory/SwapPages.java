package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;

/**
 * What memory.c needs of swap (mm/swapfile.c, mm/swap_state.c): swap-in on a fault, the swap
 * count of an entry that fork copies or unmap drops, and the swap cache a page may sit in.
 * Swap implements it; this package does not depend on the swap code that depends on it.
 */
public interface SwapPages {
    /**
     * do_swap_page(): {@link VmFault#OK}, {@link VmFault#MAJOR} or {@link VmFault#OOM};
     * afterwards {@link #swappedInPfn()} and {@link #needsWpPage()} describe the result.
     */
    int doSwapPage(MmStruct mm, MmuContext context, Vma vma, long address, long pte, boolean write, int pid, int cpu);

    long swappedInPfn();

    /** A write to a page still shared through the swap slot: the write-protect path copies it. */
    boolean needsWpPage();

    /** copy_nonpresent_pte(): the child shares the slot; returns the entry both now hold. */
    long duplicate(long swapPte);

    /** zap: the slot loses one user (free_swap_and_cache()). */
    void freeSwapAndCache(long swapPte);

    boolean isSwapCache(long pfn);

    /** A page nobody maps any more need not keep its slot. */
    void freeSwapCache(long pfn);

    /** folio_free_swap(): gives the slot back if no swap PTE holds it. */
    void folioFreeSwap(long pfn);

    /** Migration moved a swap-cache page. */
    void replacePage(long oldPfn, long newPfn);
}
