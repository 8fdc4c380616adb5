package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.PageTable;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.mmap.Mmap;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.CostModel;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * The page-fault handler. Mirrors arch/x86/mm/fault.c: do_user_addr_fault() (VMA lookup,
 * access_error()) and mm/memory.c: handle_mm_fault(), __handle_mm_fault(),
 * handle_pte_fault(), which dispatch to the anonymous, file, huge-page and write-protect
 * paths:
 *
 * <pre>
 *   no VMA ............................................. SIGSEGV (SEGV_MAPERR)
 *   VMA forbids the access ............................. SIGSEGV (SEGV_ACCERR)
 *   PMD empty, THP allowed, aligned 2 MB inside the VMA  do_huge_pmd_anonymous_page
 *   PTE empty, anonymous ............................... do_anonymous_page (zero page / new page)
 *   PTE empty, file .................................... do_read_fault / do_cow_fault / do_shared_fault
 *   PTE present, write to a write-protected page ....... do_wp_page (reuse / copy / shared)
 * </pre>
 *
 * Each handled fault counts pgfault (and pgmajfault when it needed I/O), charges the cost
 * model, and emits one page_fault trace event that says what was done.
 */
public final class FaultHandler {
    private final VmEventCounters events;
    private final Trace trace;
    private final CostMeter meter;
    private final CostModel costs;
    private final AnonFault anon;
    private final HugeAnonFault huge;
    private final FileFault file;
    private final WpFault wp;
    private final Mmap mmap;
    private final VmFaultInfo vmf;
    private SwapPages swap;

    /** Swap-in for faults on swap PTEs (mm/swap_state.c, mm/memory.c: do_swap_page). */
    public void setSwap(SwapPages swapper) {
        this.swap = swapper;
    }

    public FaultHandler(Mmap mmap, VmEventCounters events, Trace trace, CostMeter meter, CostModel costs,
                        AnonFault anon, HugeAnonFault huge, FileFault file, WpFault wp) {
        this.mmap = mmap;
        this.vmf = new VmFaultInfo(mmap);
        this.events = events;
        this.trace = trace;
        this.meter = meter;
        this.costs = costs;
        this.anon = anon;
        this.huge = huge;
        this.file = file;
        this.wp = wp;
    }

    /**
     * Handles a user-mode fault at {@code address}. Returns {@link VmFault} bits: OK when the
     * access can be retried, or SIGSEGV with MAPERR/ACCERR, or SIGBUS, or OOM.
     */
    public int handleUserFault(MmStruct mm, MmuContext context, long address, boolean write,
                               boolean exec, boolean present, int pid, int cpu) {
        vmf.reset(mm, context, address, write, exec, pid, cpu);
        Vma vma = mmap.findVmaForFault(mm, address); // grows a stack when the address is just below it
        if (vma == null || address < vma.start()) {
            return signal(VmFault.SIGSEGV | VmFault.MAPERR);
        }
        if (accessError(vma, write, exec, present)) {
            return signal(VmFault.SIGSEGV | VmFault.ACCERR);
        }
        vmf.vma = vma;
        events.count(VmEvent.PGFAULT); // counted in handle_mm_fault, even if it then fails
        meter.charge(costs.minorFaultNs());
        int result = handleMmFault();
        if (VmFault.isMajor(result)) {
            events.count(VmEvent.PGMAJFAULT);
        }
        emit(result);
        return result;
    }

    /** The fault just handled (valid until the next one). */
    public VmFaultInfo lastFault() {
        return vmf;
    }

    /** arch/x86/mm/fault.c: access_error(); reading a write-only VMA is allowed on x86. */
    static boolean accessError(Vma vma, boolean write, boolean exec, boolean present) {
        long flags = vma.flags();
        if (write) {
            return (flags & VmFlags.VM_WRITE) == 0;
        }
        if (exec && (flags & VmFlags.VM_EXEC) == 0) {
            return true;
        }
        if (present && !exec) {
            return true; // a read of a present page only faults for PROT_NONE-like entries
        }
        return (flags & (VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_EXEC)) == 0;
    }

    private int handleMmFault() {
        PageTable pt = vmf.context.pageTable();
        long pmdLeaf = pt.pte(vmf.address);
        if (pmdLeaf != 0 && Pte.isHuge(pmdLeaf)) {
            int result = huge.wpHugePmd(vmf, pmdLeaf);
            if (result != VmFault.FALLBACK) {
                return result;
            }
            pmdLeaf = pt.pte(vmf.address); // split into PTEs: continue at the 4 KB level
        }
        if (pmdLeaf == 0 && pt.pmdNone(vmf.address) && huge.allowed(vmf)) {
            int result = huge.doHugePmdAnonymousPage(vmf);
            if (result != VmFault.FALLBACK) {
                return result;
            }
        }
        long pte = pmdLeaf;
        if (pte == 0) {
            return vmf.vma.file() == null ? anon.doAnonymousPage(vmf) : file.doFault(vmf);
        }
        if (!Pte.isPresent(pte)) {
            return doSwapPage(pte);
        }
        if (vmf.write && !Pte.isWrite(pte)) {
            return wp.doWpPage(vmf, pte);
        }
        // Spurious: only the TLB was stale; the #PF dropped that entry, the retry walks again.
        vmf.kind = VmFaultInfo.Kind.WP_REUSE;
        return VmFault.OK;
    }

    /** do_swap_page(): the page comes back from the swap cache (minor) or the device (major). */
    private int doSwapPage(long pte) {
        int result = swap.doSwapPage(vmf.mm, vmf.context, vmf.vma, vmf.address, pte, vmf.write, vmf.pid, vmf.cpu);
        vmf.kind = VmFaultInfo.Kind.SWAP_IN;
        vmf.pfn = swap.swappedInPfn();
        vmf.cacheMiss = VmFault.isMajor(result);
        if (result == VmFault.OOM || !swap.needsWpPage()) {
            return result;
        }
        int wpResult = wp.doWpPage(vmf, vmf.context.pageTable().pte(vmf.address));
        vmf.kind = VmFaultInfo.Kind.SWAP_IN;
        return wpResult | (result & VmFault.MAJOR);
    }

    private int signal(int result) {
        vmf.kind = VmFaultInfo.Kind.SIGSEGV;
        emit(result);
        return result;
    }

    private void emit(int result) {
        if (!trace.isRecording(EventKind.PAGE_FAULT)) {
            trace.event(EventKind.PAGE_FAULT, vmf.cpu, vmf.pid).emit();
            return;
        }
        Trace.Builder event = trace.event(EventKind.PAGE_FAULT, vmf.cpu, vmf.pid)
                .with("address", vmf.address)
                .with("access", vmf.write ? "write" : vmf.exec ? "exec" : "read")
                .with("kind", vmf.kind == null ? "none" : vmf.kind.name().toLowerCase(java.util.Locale.ROOT))
                .with("major", VmFault.isMajor(result));
        if (vmf.kind == VmFaultInfo.Kind.FILE_READ || vmf.kind == VmFaultInfo.Kind.FILE_COW
                || vmf.kind == VmFaultInfo.Kind.FILE_SHARED_WRITE) {
            event.with("cache", vmf.cacheMiss ? "miss" : "hit").with("io_ns", vmf.ioNs);
        }
        if (vmf.pfn >= 0) {
            event.with("order", vmf.order).with("pfn", vmf.pfn);
        }
        if (vmf.vma != null) {
            event.with("prot", VmFlags.permissions(vmf.vma.flags()));
        }
        event.with("result", (result & VmFault.SIGSEGV) != 0 ? "SIGSEGV"
                : (result & VmFault.SIGBUS) != 0 ? "SIGBUS"
                : (result & VmFault.OOM) != 0 ? "OOM" : "ok");
        event.emit();
    }
}
