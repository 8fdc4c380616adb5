package io.mmspec.runtime.arch;

/**
 * One CPU's TLB bookkeeping: mirrors struct tlb_state and tlb_state_shared (cpu_tlbstate) of
 * arch/x86/include/asm/tlbflush.h, and switch_mm_irqs_off() / choose_new_asid() of
 * arch/x86/mm/tlb.c.
 *
 * <pre>
 *  ctxs[0..5]:  { ctx_id, tlb_gen }   which mm each dynamic ASID last held, and how fresh
 *  next_asid:   round-robin cursor for the next slot to take over (starts at 1; slot 0 is init_mm)
 *
 *  switch to mm:  a slot holds mm.ctx_id?  yes → reuse it, flush only if its tlb_gen < mm.tlb_gen
 *                                          no  → take slot next_asid++ (wrapping to 0), flush it
 * </pre>
 */
final class CpuTlbState {
    final int cpu;
    final Tlb tlb;
    final Translation result = new Translation();
    final long[] ctxId = new long[Mmu.TLB_NR_DYN_ASIDS];
    final long[] ctxTlbGen = new long[Mmu.TLB_NR_DYN_ASIDS];
    MmuContext loadedMm;
    int loadedMmAsid;
    boolean isLazy;
    int nextAsid;
    long tlbShootdowns;

    /** initialize_tlbstate_and_flush(): boots running init_mm in ASID 0. */
    CpuTlbState(int cpu, Tlb tlb, MmuContext initMm) {
        this.cpu = cpu;
        this.tlb = tlb;
        loadedMm = initMm;
        loadedMmAsid = 0;
        nextAsid = 1;
        ctxId[0] = initMm.id();
        ctxTlbGen[0] = initMm.tlbGen();
    }

    /** switch_mm_irqs_off(): loads next's CR3 into an ASID, flushing that ASID when needed. */
    void switchMm(MmuContext next, boolean pcid) {
        MmuContext prev = loadedMm;
        boolean wasLazy = isLazy;
        isLazy = false;
        int asid;
        boolean needFlush;
        if (prev == next) {
            // Another thread of the same process: nothing to do unless we idled lazily and
            // missed flushes meanwhile.
            if (!wasLazy || ctxTlbGen[loadedMmAsid] == next.tlbGen()) {
                return;
            }
            asid = loadedMmAsid;
            needFlush = true;
        } else {
            if (!next.isInitMm()) {
                next.setCpu(cpu);
            }
            // choose_new_asid(): without PCID there is one tag and every switch flushes it
            int held = pcid ? slotHolding(next) : -1;
            asid = !pcid ? 0 : held >= 0 ? held : takeNextSlot();
            needFlush = held < 0 || ctxTlbGen[held] < next.tlbGen();
        }
        if (needFlush) {
            ctxId[asid] = next.id();
            ctxTlbGen[asid] = next.tlbGen();
            tlb.flushAsid(asid);
        }
        loadedMm = next;
        loadedMmAsid = asid;
    }

    private int slotHolding(MmuContext mm) {
        for (int asid = 0; asid < Mmu.TLB_NR_DYN_ASIDS; asid++) {
            if (ctxId[asid] == mm.id()) {
                return asid;
            }
        }
        return -1;
    }

    /** Round robin over the dynamic ASIDs: this_cpu_add_return(next_asid, 1) - 1, wrapping to 0. */
    private int takeNextSlot() {
        int asid = nextAsid++;
        if (asid >= Mmu.TLB_NR_DYN_ASIDS) {
            asid = 0;
            nextAsid = 1;
        }
        return asid;
    }

    /** enter_lazy_tlb(): a kernel thread keeps the user mm loaded but stops taking its IPIs. */
    void enterLazy() {
        if (!loadedMm.isInitMm()) {
            isLazy = true;
        }
    }

    /** build_cr3(): the PML4's address with PCID = ASID + 1 in the low 12 bits. */
    long cr3(boolean pcid) {
        PageTable table = loadedMm.pageTable();
        long base = table == null || table.isDestroyed() ? 0 : table.cr3();
        return pcid ? base | (loadedMmAsid + 1) : base;
    }

    void checkInvariants() {
        if (ctxId[loadedMmAsid] != loadedMm.id()) {
            throw new IllegalStateException("cpu " + cpu + " runs " + loadedMm + " in ASID " + loadedMmAsid
                    + " which records ctx_id " + ctxId[loadedMmAsid]);
        }
        if (!loadedMm.isInitMm() && !loadedMm.inCpumask(cpu)) {
            throw new IllegalStateException("cpu " + cpu + " runs " + loadedMm + " but is not in its cpumask");
        }
        if (ctxTlbGen[loadedMmAsid] > loadedMm.tlbGen()) {
            throw new IllegalStateException("cpu " + cpu + " is ahead of " + loadedMm + "'s tlb_gen");
        }
        tlb.checkInvariants();
    }
}
