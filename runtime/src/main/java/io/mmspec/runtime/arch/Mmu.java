package io.mmspec.runtime.arch;

import io.mmspec.runtime.uapi.AccessType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine's MMU: every CPU's TLB and CR3, the hardware page walk and permission check, and
 * the kernel's TLB management of arch/x86/mm/tlb.c (switch_mm_irqs_off, flush_tlb_mm_range,
 * flush_tlb_all, flush_tlb_kernel_range).
 *
 * <pre>
 * translate(cpu, mm, vaddr, access)
 *   TLB[asid, page] hit  → rights ok?  → physical address          (0 memory reads)
 *                         → denied     → #PF (PROT...), entry dropped
 *                         → write to a clean entry → walk again to set D
 *   miss → walk PML4 → PDPT → PD → PT (4 reads; 3 for a 2 MB leaf)
 *         not present → #PF (error code without PROT)
 *         rights denied → #PF (PROT...)      nothing is cached for a failed translation
 *         ok → set A (and D) in memory, fill the TLB
 * </pre>
 *
 * Accesses are user-mode (X86_PF_USER): the kernel half of an address space (shared from
 * init_mm) is not modelled, and a user access to it faults as the supervisor-only mapping it
 * is. Results come back in a per-CPU {@link Translation} that the next translate on that CPU
 * overwrites, so that translating allocates nothing.
 */
public final class Mmu {
    /** TLB_NR_DYN_ASIDS: address spaces each CPU keeps tagged in its TLB at once. */
    public static final int TLB_NR_DYN_ASIDS = 6;
    /** init_mm.context.ctx_id; last_mm_ctx_id starts here, so user mms get 2, 3, ... */
    static final long INIT_MM_CTX_ID = 1;

    private final MmuConfig config;
    private final MmuContext initMm = new MmuContext(INIT_MM_CTX_ID, null);
    private final CpuTlbState[] cpus;
    private final PageWalker walker;
    private final TlbFlusher flusher;
    private long lastMmCtxId = INIT_MM_CTX_ID;

    public Mmu(MmuConfig config) {
        this.config = config;
        cpus = new CpuTlbState[config.cpus()];
        for (int cpu = 0; cpu < cpus.length; cpu++) {
            cpus[cpu] = new CpuTlbState(cpu, new Tlb(config.tlbEntries4k(), config.tlbEntries2m()), initMm);
        }
        walker = new PageWalker(config.physicalAddressBits());
        flusher = new TlbFlusher(cpus, initMm, config.pcid(), config.tlbSinglePageFlushCeiling());
    }

    public MmuConfig config() {
        return config;
    }

    /** The kernel's own address space, which every CPU runs at boot. */
    public MmuContext initMm() {
        return initMm;
    }

    /** init_new_context(): a fresh context with the next ctx_id, tlb_gen 0, empty cpumask. */
    public MmuContext initNewContext(PageTable pageTable) {
        if (pageTable == null) {
            throw new IllegalArgumentException("a user address space needs a page table");
        }
        return new MmuContext(++lastMmCtxId, pageTable);
    }

    /** switch_mm_irqs_off(): CR3 load on {@code cpu}, ASID choice, cpumask. */
    public void switchMm(int cpu, MmuContext next) {
        cpu(cpu).switchMm(next, config.pcid());
    }

    /** enter_lazy_tlb(): {@code cpu} runs a kernel thread and keeps the old mm loaded. */
    public void enterLazyTlb(int cpu) {
        cpu(cpu).enterLazy();
    }

    /** leave_mm(): {@code cpu} stops holding its user mm and switches to init_mm. */
    public void leaveMm(int cpu) {
        if (!cpu(cpu).loadedMm.isInitMm()) {
            switchMm(cpu, initMm);
        }
    }

    /** Translates one user access on {@code cpu}, which must be running {@code mm}. */
    public Translation translate(int cpu, MmuContext mm, long vaddr, AccessType access) {
        CpuTlbState state = running(cpu, mm);
        Translation result = state.result;
        result.start(vaddr, access);
        if (!Paging.isCanonical(vaddr)) {
            result.generalProtectionFault();
            return result;
        }
        int accessBits = PfErrorCode.USER | (access == AccessType.WRITE ? PfErrorCode.WRITE : 0)
                | (access == AccessType.EXEC ? PfErrorCode.INSTR : 0);
        if (!Paging.isUserAddress(vaddr)) {
            result.fault(PfErrorCode.PROT | accessBits, 0, false, 0);
            return result;
        }
        Tlb tlb = state.tlb;
        int asid = state.loadedMmAsid;
        long cached = tlb.lookup(asid, vaddr);
        if (cached != 0) {
            if (!allowed(cached, access)) {
                tlb.countHit();
                tlb.dropFaulting(asid, vaddr); // a #PF invalidates the entries for its address
                result.fault(PfErrorCode.PROT | accessBits, cached, true, 0);
                return result;
            }
            if (access != AccessType.WRITE || Pte.isDirty(cached)) {
                tlb.countHit();
                result.succeed(cached, true, 0);
                return result;
            }
        }
        tlb.countMiss();
        walkAndFill(state, mm, vaddr, access, accessBits);
        return result;
    }

    private void walkAndFill(CpuTlbState state, MmuContext mm, long vaddr, AccessType access, int accessBits) {
        Translation result = state.result;
        walker.walk(mm.pageTable(), vaddr);
        int code = -1;
        if (!walker.present) {
            code = accessBits;
        } else if (walker.reserved) {
            code = PfErrorCode.PROT | PfErrorCode.RSVD | accessBits;
        } else if (!allowed(walker.effective, access)) {
            code = PfErrorCode.PROT | accessBits;
        }
        if (code >= 0) {
            state.tlb.dropFaulting(state.loadedMmAsid, vaddr);
            result.fault(code, walker.effective, false, walker.reads);
            return;
        }
        long entry = walker.markAccessed(access == AccessType.WRITE);
        state.tlb.fill(state.loadedMmAsid, vaddr, entry, walker.huge);
        result.succeed(entry, false, walker.reads);
    }

    /** User-mode rights: U for any access, RW for a write, no NX for an instruction fetch. */
    private static boolean allowed(long entry, AccessType access) {
        if ((entry & Pte.USER) == 0) {
            return false;
        }
        return switch (access) {
            case READ -> true;
            case WRITE -> (entry & Pte.RW) != 0;
            case EXEC -> (entry & Pte.NX) == 0;
        };
    }

    /** flush_tlb_mm_range() with 4 KB stride, as flush_tlb_range() does for a VMA. */
    public void flushTlbMmRange(int cpu, MmuContext mm, long start, long end, boolean freedTables) {
        flushTlbMmRange(cpu, mm, start, end, Paging.PAGE_SHIFT, freedTables);
    }

    /** flush_tlb_mm_range(); stride PMD_SHIFT flushes 2 MB mappings one INVLPG each. */
    public void flushTlbMmRange(int cpu, MmuContext mm, long start, long end, int strideShift, boolean freedTables) {
        requireUserMm(mm);
        if (start > end || (strideShift != Paging.PAGE_SHIFT && strideShift != Paging.PMD_SHIFT)) {
            throw new IllegalArgumentException(String.format("bad flush [0x%x, 0x%x) stride %d", start, end, strideShift));
        }
        flusher.flushTlbMmRange(cpu(cpu).cpu, mm, start, end, strideShift, false, freedTables);
    }

    /** flush_tlb_mm(): the whole address space, as fork does after write-protecting for COW. */
    public void flushTlbMm(int cpu, MmuContext mm) {
        requireUserMm(mm);
        flusher.flushTlbMmRange(cpu(cpu).cpu, mm, 0, Paging.USER_SPACE_END, Paging.PAGE_SHIFT, true, true);
    }

    /** flush_tlb_all(): every entry of every CPU, initiated from CPU 0. */
    public void flushTlbAll() {
        flusher.flushTlbAll(0);
    }

    /** flush_tlb_kernel_range() on every CPU, initiated from CPU 0 (vmalloc's lazy purge). */
    public void flushTlbKernelRange(long start, long end) {
        if (Long.compareUnsigned(start, end) > 0) {
            throw new IllegalArgumentException(String.format("bad range [0x%x, 0x%x)", start, end));
        }
        flusher.flushTlbKernelRange(0, start, end);
    }

    public int cpus() {
        return cpus.length;
    }

    public Tlb tlb(int cpu) {
        return cpu(cpu).tlb;
    }

    /** cpu_tlbstate.loaded_mm. */
    public MmuContext loadedMm(int cpu) {
        return cpu(cpu).loadedMm;
    }

    /** cpu_tlbstate.loaded_mm_asid (0..5; the PCID in CR3 is this plus one). */
    public int loadedAsid(int cpu) {
        return cpu(cpu).loadedMmAsid;
    }

    public boolean isLazy(int cpu) {
        return cpu(cpu).isLazy;
    }

    /** CR3 as build_cr3() forms it: PML4 address | PCID; init_mm's table is not modelled (0). */
    public long cr3(int cpu) {
        return cpu(cpu).cr3(config.pcid());
    }

    /** Shootdown IPIs {@code cpu} received: the "TLB shootdowns" row of /proc/interrupts. */
    public long tlbShootdowns(int cpu) {
        return cpu(cpu).tlbShootdowns;
    }

    /** Every IPI sent for TLB maintenance, shootdowns and flush-all/kernel-range calls alike. */
    public long ipisSent() {
        return flusher.ipisSent;
    }

    /** The CONFIG_DEBUG_TLBFLUSH vmstat events, in /proc/vmstat order. */
    public Map<String, Long> vmstat() {
        Map<String, Long> events = new LinkedHashMap<>();
        events.put("nr_tlb_remote_flush", flusher.nrTlbRemoteFlush);
        events.put("nr_tlb_remote_flush_received", flusher.nrTlbRemoteFlushReceived);
        events.put("nr_tlb_local_flush_all", flusher.nrTlbLocalFlushAll);
        events.put("nr_tlb_local_flush_one", flusher.nrTlbLocalFlushOne);
        return events;
    }

    public void checkInvariants() {
        for (CpuTlbState state : cpus) {
            state.checkInvariants();
        }
    }

    private CpuTlbState cpu(int cpu) {
        if (cpu < 0 || cpu >= cpus.length) {
            throw new IllegalArgumentException("no cpu " + cpu + " (cpus 0.." + (cpus.length - 1) + ")");
        }
        return cpus[cpu];
    }

    private CpuTlbState running(int cpu, MmuContext mm) {
        CpuTlbState state = cpu(cpu);
        requireUserMm(mm);
        if (state.loadedMm != mm || state.isLazy) {
            throw new IllegalStateException("cpu " + cpu + " is not running " + mm + " (loaded: "
                    + state.loadedMm + (state.isLazy ? ", lazy" : "") + "); switchMm first");
        }
        return state;
    }

    private static void requireUserMm(MmuContext mm) {
        if (mm.isInitMm()) {
            throw new IllegalArgumentException("init_mm's page tables are not modelled");
        }
    }
}
