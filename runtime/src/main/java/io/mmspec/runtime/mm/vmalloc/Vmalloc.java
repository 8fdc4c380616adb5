package io.mmspec.runtime.mm.vmalloc;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.Trace;
import java.util.List;
import java.util.Optional;

/**
 * Virtually contiguous kernel memory from scattered pages. Mirrors mm/vmalloc.c: vmalloc(),
 * vmalloc_huge(), __vmalloc_node_range_noprof(), __get_vm_area_node() (the guard page),
 * __vmalloc_area_node() and vm_area_alloc_pages() (order-0 pages one at a time, or PMD-order
 * pages split into small ones), vfree() and remove_vm_area() (unmap now, flush later),
 * vm_unmap_aliases() ({@link #purge()}), vmalloc_to_pfn() ({@link #translate(long)}),
 * vmalloc_nr_pages() and /proc/vmallocinfo (s_show).
 *
 * <pre>
 *   Vmalloc v = new Vmalloc(pages, VmallocConfig.of(2), machineTlb, trace, log);
 *   long addr = v.vmalloc(10L &lt;&lt; 20, Gfp.GFP_KERNEL, "module_area"); // 2560 pages + guard
 *   v.write(addr, data);
 *   v.access(addr + (10L &lt;&lt; 20), true);   // the guard page: a not-present #PF and its oops
 *   v.vfree(addr);                          // lazy: no TLB flush until the purge
 * </pre>
 *
 * Failure is a return value (0, the kernel's NULL) with the kernel's warn_alloc() line in the
 * log; exceptions mean a caller bug.
 */
public final class Vmalloc {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final int PMD_SHIFT = 21;
    public static final long PMD_SIZE = 1L << PMD_SHIFT;
    /** sizeof(struct page *): the pages array is vmalloc'd itself once it exceeds a page. */
    private static final int POINTER_SIZE = 8;
    /** GFP_RECLAIM_MASK of mm/internal.h: what the nested pages-array allocation keeps. */
    private static final Gfp GFP_RECLAIM_MASK = Gfp.__GFP_RECLAIM.or(Gfp.__GFP_HIGH).or(Gfp.__GFP_IO)
            .or(Gfp.__GFP_FS).or(Gfp.__GFP_NOWARN).or(Gfp.__GFP_RETRY_MAYFAIL).or(Gfp.__GFP_NOFAIL)
            .or(Gfp.__GFP_NORETRY).or(Gfp.__GFP_MEMALLOC).or(Gfp.__GFP_NOMEMALLOC);

    private final PageAllocator pages;
    private final VmallocConfig config;
    private final Trace trace;
    private final KernelLog log;
    private final Current current;
    private final VmapSpace space;
    private final KernelAccess access;
    private final WarnAlloc warn;
    private long nrVmallocPages;

    /** Kernel context: CPU 0, pid 0 ("swapper/0" in warnings). */
    public Vmalloc(PageAllocator pages, VmallocConfig config, KernelTlb tlb, Trace trace, KernelLog log) {
        this(pages, config, tlb, trace, log, new Current(), pid -> "swapper/0");
    }

    /** Runs in the context {@code current} names; {@code commOfPid} names it in warnings. */
    public Vmalloc(PageAllocator pages, VmallocConfig config, KernelTlb tlb, Trace trace, KernelLog log,
                   Current current, java.util.function.IntFunction<String> commOfPid) {
        this.pages = pages;
        this.config = config;
        this.trace = trace;
        this.log = log;
        this.current = current;
        this.space = new VmapSpace(config, tlb, trace, log, current);
        this.access = new KernelAccess(space, pages.memMap());
        this.warn = new WarnAlloc(log, current, commOfPid);
    }

    /** vmalloc(): size bytes of GFP_KERNEL-like memory in 4 KB pages; the address, or 0. */
    public long vmalloc(long size, Gfp gfp, String caller) {
        long addr = vmallocNodeRange(size, 1, gfp, 0, caller);
        space.runPendingDrain();
        return addr;
    }

    /**
     * vmalloc_huge(): as vmalloc, but a request of at least PMD_SIZE is mapped with 2 MB pages
     * (size rounded up to 2 MB, area 2 MB aligned) unless boot said nohugevmalloc; when no
     * order-9 block is free it falls back to 4 KB pages in a new area.
     */
    public long vmallocHuge(long size, Gfp gfp, String caller) {
        long addr = vmallocNodeRange(size, 1, gfp, VmapArea.VM_ALLOW_HUGE_VMAP, caller);
        space.runPendingDrain();
        return addr;
    }

    /** __vmalloc_node_range_noprof(): one try with the huge shift, then one with PAGE_SHIFT. */
    private long vmallocNodeRange(long size, long align, Gfp gfp, int vmFlags, String caller) {
        if (size < 0) {
            throw new IllegalArgumentException("vmalloc of " + size + " bytes");
        }
        if (size == 0) {
            return 0; // WARN_ON_ONCE(!size)
        }
        if ((size >>> PAGE_SHIFT) > pages.totalramPages()) {
            warn.warnAlloc(gfp, "vmalloc error: size " + size + ", exceeds total pages");
            return 0;
        }
        int shift = PAGE_SHIFT;
        long tryAlign = align;
        if (config.hugeVmalloc() && (vmFlags & VmapArea.VM_ALLOW_HUGE_VMAP) != 0 && size >= PMD_SIZE) {
            shift = PMD_SHIFT;
            tryAlign = Math.max(align, PMD_SIZE);
        }
        while (true) {
            VmapArea area = getVmAreaNode(size, tryAlign, shift, VmapArea.VM_ALLOC | vmFlags, caller, gfp);
            if (area == null) {
                warn.warnAlloc(gfp, "vmalloc error: size " + size + ", vm_struct allocation failed");
            } else if (vmallocAreaNode(area, gfp, shift)) {
                trace.event(EventKind.VMALLOC, current.cpu(), current.pid()).with("addr", area.vaStart)
                        .with("size", size).with("pages", area.nrPages).with("order", area.pageOrder)
                        .with("caller", caller).emit();
                return area.vaStart;
            }
            if (shift == PAGE_SHIFT) {
                return 0;
            }
            shift = PAGE_SHIFT;
            tryAlign = align;
        }
    }

    /** __get_vm_area_node(): size rounded to the page shift, plus the guard page. */
    private VmapArea getVmAreaNode(long size, long align, int shift, int flags, String caller, Gfp gfp) {
        long areaSize = FreeVmapAreas.alignUp(size, 1L << shift);
        if ((flags & VmapArea.VM_NO_GUARD) == 0) {
            areaSize += PAGE_SIZE;
        }
        return space.alloc(areaSize, align, flags, caller, gfp);
    }

    /**
     * __vmalloc_area_node(): the pages array (kmalloc'd up to a page, vmalloc'd above: the
     * nested area shows as " vpages"), then the pages, then the mapping. A shortfall frees
     * what was taken through vfree(), which leaves the range on the lazy list.
     */
    private boolean vmallocAreaNode(VmapArea area, Gfp gfp, int shift) {
        Gfp nestedGfp = new Gfp(gfp.mask() & GFP_RECLAIM_MASK.mask()).or(Gfp.__GFP_ZERO);
        Gfp pageGfp = (gfp.mask() & (Gfp.GFP_DMA.mask() | Gfp.GFP_DMA32.mask())) == 0
                ? gfp.or(Gfp.__GFP_HIGHMEM) : gfp;
        int nrSmallPages = Math.toIntExact(area.mappedSize() >>> PAGE_SHIFT);
        long arraySize = (long) nrSmallPages * POINTER_SIZE;
        if (arraySize > PAGE_SIZE) {
            long arrayAddr = vmallocNodeRange(arraySize, 1, nestedGfp, 0, area.caller);
            if (arrayAddr == 0) {
                warn.warnAlloc(pageGfp, "vmalloc error: size " + area.mappedSize()
                        + ", failed to allocated page array size " + arraySize);
                space.removeAndQueueLazy(area.vaStart); // free_vm_area()
                return false;
            }
            area.pagesArea = space.findBusy(arrayAddr);
        }
        area.pageOrder = shift - PAGE_SHIFT;
        area.pages = new long[nrSmallPages];
        Gfp allocGfp = (area.pageOrder > 0 ? pageGfp.andNot(Gfp.__GFP_NOFAIL) : pageGfp).or(Gfp.__GFP_NOWARN);
        area.nrPages = allocAreaPages(allocGfp, area.pageOrder, area.pages);
        nrVmallocPages += area.nrPages;
        if (area.nrPages != nrSmallPages) {
            if (area.pageOrder == 0) {
                warn.warnAlloc(pageGfp, "vmalloc error: size " + ((long) area.nrPages << PAGE_SHIFT)
                        + ", failed to allocate pages");
            }
            vfreeArea(area.vaStart);
            return false;
        }
        return true; // vmap_pages_range(): the pages array is the kernel page table (see KernelAccess)
    }

    /**
     * vm_area_alloc_pages(): pages of the given order until the array is full or the
     * allocator fails; higher orders are split so each 4 KB page stands alone. The kernel's
     * order-0 bulk allocator takes the same pages from the per-CPU list one at a time.
     */
    private int allocAreaPages(Gfp gfp, int order, long[] into) {
        int step = 1 << order;
        int taken = 0;
        while (taken < into.length) {
            long pfn = pages.allocPages(order, gfp, current.cpu());
            if (pfn == PageAllocator.NO_PAGE) {
                break;
            }
            if (order > 0) {
                pages.splitPage(pfn, order);
            }
            for (int i = 0; i < step; i++) {
                into[taken + i] = pfn + i;
            }
            taken += step;
        }
        return taken;
    }

    /**
     * vfree(): unmaps the area now (vunmap_range_noflush), frees its pages and its pages
     * array, and queues the range for the lazy purge; no TLB flush until then. vfree(0) does
     * nothing; an address that is not the start of a vmalloc area gets the kernel's WARN.
     */
    public void vfree(long addr) {
        vfreeArea(addr);
        space.runPendingDrain();
    }

    private void vfreeArea(long addr) {
        if (addr == 0) {
            return;
        }
        VmapArea area = space.removeAndQueueLazy(addr);
        if (area == null) {
            warn.warn(String.format("Trying to vfree() nonexistent vm area (%016x)", addr));
            return;
        }
        for (int i = 0; i < area.nrPages; i++) {
            pages.freePages(area.pages[i], 0, current.cpu());
        }
        nrVmallocPages -= area.nrPages;
        long freedPages = area.nrPages;
        area.pages = new long[0];
        area.nrPages = 0;
        trace.event(EventKind.VFREE, current.cpu(), current.pid()).with("addr", addr)
                .with("size", area.size()).with("pages", freedPages).with("lazy", space.lazyNr()).emit();
        if (area.pagesArea != null) {
            vfreeArea(area.pagesArea.vaStart); // kvfree(vm->pages)
        }
    }

    /**
     * vm_unmap_aliases(): purges every lazily freed area now, with one TLB flush over their
     * span; no flush when nothing is lazy.
     */
    public void purge() {
        space.purge();
    }

    /** vmalloc_to_pfn(): the pfn mapped at a kernel virtual address; empty for a guard page or
     *  anything unmapped. */
    public Optional<Long> translate(long addr) {
        long pfn = access.pfnAt(addr);
        return pfn < 0 ? Optional.empty() : Optional.of(pfn);
    }

    /** A kernel-mode access: the page it hits, or the not-present #PF and its oops lines. */
    public AccessResult access(long addr, boolean write) {
        return access.access(addr, write);
    }

    /** memcpy() into vmalloc memory; a fault part-way throws {@link VmallocFault} after the
     *  bytes before it were written, as the kernel's copy would have. */
    public void write(long addr, byte[] data) {
        access.write(addr, data);
    }

    /** memcpy() out of vmalloc memory; throws {@link VmallocFault} at an unmapped page. */
    public byte[] read(long addr, int length) {
        return access.read(addr, length);
    }

    /** find_vm_area(): the live area starting at addr. */
    public Optional<VmStruct> findVmArea(long addr) {
        VmapArea area = space.findBusy(addr);
        return area == null ? Optional.empty() : Optional.of(VmStruct.of(area));
    }

    /** vmalloc_nr_pages(): pages held by vmalloc areas (/proc/meminfo VmallocUsed in pages). */
    public long nrPages() {
        return nrVmallocPages;
    }

    /** vmap_lazy_nr: pages (guard pages included) of freed areas waiting for the purge. */
    public long lazyPages() {
        return space.lazyNr();
    }

    /** lazy_max_pages(). */
    public long lazyMaxPages() {
        return space.lazyMaxPages();
    }

    /** Purges that found lazy areas (each one TLB flush). */
    public long purges() {
        return space.purges();
    }

    /** flush_tlb_kernel_range() calls made by purges. */
    public long tlbFlushes() {
        return space.flushes();
    }

    /** /proc/vmallocinfo as lines. */
    public List<VmallocInfoLine> vmallocinfoLines() {
        return VmallocInfo.lines(space, config.nrVmapNodes());
    }

    /** /proc/vmallocinfo, one line per area, each ending in a newline. */
    public String vmallocinfo() {
        return VmallocInfo.text(vmallocinfoLines());
    }

    /** Recounts everything; throws IllegalStateException on the first inconsistency. */
    public void checkInvariants() {
        new VmallocChecker(space, pages.memMap(), nrVmallocPages).check();
    }
}
