package io.mmspec.runtime;

import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.mm.memory.LruPages;
import io.mmspec.runtime.mm.memory.SwapPages;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.swap.Swap;
import io.mmspec.runtime.mm.swap.SwapEntry;
import io.mmspec.runtime.mm.vmscan.Lruvec;

/**
 * The fault path's view of reclaim: mm/memory's {@link LruPages} and {@link SwapPages} served
 * by the LRU lists of mm/vmscan and by mm/swap. Kept here, where the machine is wired, so that
 * mm/memory depends on neither (both depend on it).
 */
final class ReclaimLinks {
    private ReclaimLinks() {
    }

    static LruPages lru(Lruvec lruvec) {
        return new LruPages() {
            @Override
            public void add(long pfn, int order, long vmFlags) {
                if (order == 0) {
                    lruvec.lruAddVma(pfn, vmFlags);
                } else {
                    lruvec.lruAdd(pfn, order);
                }
            }

            @Override
            public void release(long pfn) {
                lruvec.releasePage(pfn);
            }

            @Override
            public boolean isolate(long pfn) {
                return lruvec.folioIsolateLru(pfn);
            }
        };
    }

    static SwapPages swap(Swap swap) {
        return new SwapPages() {
            @Override
            public int doSwapPage(MmStruct mm, MmuContext context, Vma vma, long address, long pte, boolean write,
                                  int pid, int cpu) {
                return swap.swapIn().doSwapPage(mm, context, vma, address, pte, write, pid, cpu);
            }

            @Override
            public long swappedInPfn() {
                return swap.swapIn().pfn();
            }

            @Override
            public boolean needsWpPage() {
                return swap.swapIn().needsWpPage();
            }

            @Override
            public long duplicate(long swapPte) {
                swap.swapDuplicate(swapPte);
                return SwapEntry.clearExclusive(swapPte);
            }

            @Override
            public void freeSwapAndCache(long swapPte) {
                swap.freeSwapAndCache(swapPte);
            }

            @Override
            public boolean isSwapCache(long pfn) {
                return swap.cache().isSwapCache(pfn);
            }

            @Override
            public void freeSwapCache(long pfn) {
                swap.cache().freeSwapCache(pfn);
            }

            @Override
            public void folioFreeSwap(long pfn) {
                swap.cache().folioFreeSwap(pfn);
            }

            @Override
            public void replacePage(long oldPfn, long newPfn) {
                swap.cache().replacePage(oldPfn, newPfn);
            }
        };
    }
}
