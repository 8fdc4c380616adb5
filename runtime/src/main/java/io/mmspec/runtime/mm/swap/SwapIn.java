package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.memory.PageRefs;
import io.mmspec.runtime.mm.memory.VmFault;
import io.mmspec.runtime.mm.mmap.AnonVma;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.Trace;

/**
 * A fault on a swap PTE. Mirrors mm/memory.c: do_swap_page() for an order-0 page of an
 * anonymous VMA, going through the swap cache (the SWP_SYNCHRONOUS_IO shortcut of zram is not
 * modelled):
 *
 * <pre>
 *   page in the swap cache?  yes: minor (swap_ra_hit if readahead brought it)
 *                            no:  swap_vma_readahead() reads the PTEs around the fault
 *                                 and waits for the device: major
 *   swap_free(entry)         the PTE no longer holds the slot
 *   should_try_to_free_swap  slot unused now and (write fault, VM_LOCKED or swap half full):
 *                            the page leaves the swap cache (and is dirty)
 *   map the page             writable at once if the swap PTE was exclusive or nobody else
 *                            holds the page; a write fault then marks it dirty
 * </pre>
 *
 * A write fault on a page that stays shared is left to do_wp_page(): {@link #needsWpPage()}.
 * The caller counts pgfault and, for {@link VmFault#MAJOR}, pgmajfault.
 */
public final class SwapIn {
    private final Swap swap;
    private final SwapCache cache;
    private final SwapReadahead readahead;
    private final PageRefs refs;
    private final MemMap memMap;
    private final Trace trace;
    private long pfn = -1;
    private boolean needsWp;

    SwapIn(Swap swap, SwapCache cache, SwapReadahead readahead, PageRefs refs, Trace trace) {
        this.swap = swap;
        this.cache = cache;
        this.readahead = readahead;
        this.refs = refs;
        this.memMap = refs.memMap();
        this.trace = trace;
    }

    /**
     * do_swap_page() for the swap PTE {@code origPte} at {@code address} of {@code vma}.
     * Returns {@link VmFault#OK}, {@link VmFault#MAJOR} when the page was read from the device,
     * or {@link VmFault#OOM} when no page could be allocated for it.
     */
    public int doSwapPage(MmStruct mm, MmuContext context, Vma vma, long address, long origPte,
                          boolean write, int pid, int cpu) {
        long entry = SwapEntry.fromPte(origPte);
        SwapInfo si = swap.info(entry);
        if (si == null || si.swapCount(SwapEntry.offset(entry)) == 0) {
            throw new IllegalStateException("bad swap PTE at 0x" + Long.toHexString(address) + ": " + Pte.describe(origPte));
        }
        needsWp = false;
        long page = cache.lookup(entry);
        boolean major = page < 0;
        if (page >= 0) {
            memMap.incRefcount(page);
            readahead.waitForRead(page); // a readahead page whose request is still on the disk
            readahead.noteHit(mm, vma, address, page);
        } else {
            page = readahead.swapinReadahead(mm, context.pageTable(), vma, address, si,
                    SwapEntry.offset(entry), cpu);
            if (page < 0) {
                return VmFault.OOM;
            }
        }
        pfn = page;
        if (context.pageTable().pte(address) != origPte) {
            cache.put(page); // !pte_same(): the fault was handled meanwhile; retry
            return major ? VmFault.MAJOR : VmFault.OK;
        }
        mapPage(mm, context, vma, address, origPte, write, entry, page);
        emit(pid, cpu, address, entry, page, major);
        return major ? VmFault.MAJOR : VmFault.OK;
    }

    private void mapPage(MmStruct mm, MmuContext context, Vma vma, long address, long origPte,
                         boolean write, long entry, long page) {
        boolean exclusive = Pte.swapIsExclusive(origPte);
        swap.swapFree(entry);
        if (shouldTryToFreeSwap(page, vma, write)) {
            cache.folioFreeSwap(page);
        }
        mm.addCounter(MmCounter.MM_ANONPAGES, 1);
        mm.addCounter(MmCounter.MM_SWAPENTS, -1);
        long pte = Pte.make(page, Pte.PRESENT | Pte.USER | Pte.ACCESSED
                | ((vma.flags() & VmFlags.VM_EXEC) == 0 ? Pte.NX : 0));
        if (Pte.swapIsSoftDirty(origPte)) {
            pte = Pte.mksoftDirty(pte);
        }
        boolean sole = exclusive || memMap.refcount(page) == 1;
        if (sole && (vma.flags() & VmFlags.VM_WRITE) != 0) {
            pte = Pte.mkwrite(pte);
            if (write) {
                pte = Pte.mkdirty(pte);
                write = false;
            }
        }
        addAnonRmap(vma, address, page, sole);
        context.pageTable().setPte(address, pte);
        needsWp = write;
    }

    /**
     * folio_add_new_anon_rmap() for a page new to anonymous memory (the oldest anon_vma when
     * the page may be shared, so that rmap finds every process), folio_add_anon_rmap_ptes()
     * for one that already is. The caller's reference becomes the mapping's.
     */
    private void addAnonRmap(Vma vma, long address, long page, boolean exclusive) {
        AnonVma anonVma = vma.anonVma();
        if (anonVma == null) {
            throw new IllegalStateException("swap PTE in a VMA without anon_vma: " + vma);
        }
        if (!memMap.isAnon(page)) {
            refs.addNewAnonRmap(page, 0, exclusive ? anonVma : anonVma.root(), vma.pgoffAt(address));
        } else if (memMap.mapcount(page) == 0) {
            refs.addNewAnonRmap(page, 0, memMap.mapping(page), memMap.index(page));
        } else {
            refs.addMapping(page);
            memMap.decRefcount(page);
        }
    }

    /** should_try_to_free_swap(). */
    private boolean shouldTryToFreeSwap(long page, Vma vma, boolean write) {
        if (!cache.isSwapCache(page)) {
            return false;
        }
        if (swap.vmSwapFull() || (vma.flags() & VmFlags.VM_LOCKED) != 0
                || memMap.testFlag(page, PageFlags.PG_mlocked)) {
            return true;
        }
        return write && memMap.refcount(page) == 2;
    }

    /** The pfn the last fault mapped. */
    public long pfn() {
        return pfn;
    }

    /**
     * The last fault was a write that still finds the page write-protected (shared with
     * another process): the caller goes on to do_wp_page(), as do_swap_page() does.
     */
    public boolean needsWpPage() {
        return needsWp;
    }

    private void emit(int pid, int cpu, long address, long entry, long page, boolean major) {
        if (!trace.isRecording(EventKind.SWAP_IN)) {
            trace.event(EventKind.SWAP_IN, cpu, pid).emit();
            return;
        }
        trace.event(EventKind.SWAP_IN, cpu, pid).with("address", address)
                .with("type", SwapEntry.type(entry)).with("offset", SwapEntry.offset(entry))
                .with("pfn", page).with("major", major).emit();
    }
}
