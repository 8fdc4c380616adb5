package io.mmspec.runtime.arch;

import java.util.BitSet;

/**
 * The architecture side of one address space: mirrors mm_context_t (ctx_id, tlb_gen) and
 * mm_cpumask() of struct mm_struct. Created by {@link Mmu#initNewContext} (init_new_context).
 *
 * <ul>
 *   <li>{@code id}: ctx_id, unique for the machine's lifetime and never reused, so a CPU's
 *       ASID slot remembers which address space it last held;</li>
 *   <li>{@code tlbGen}: bumped by every flush of this mm; a CPU whose slot records an older
 *       generation flushes before trusting its entries;</li>
 *   <li>the cpumask: CPUs that switched to this mm and may cache its translations.</li>
 * </ul>
 */
public final class MmuContext {
    private final long id;
    private final PageTable pageTable;
    private final BitSet cpumask = new BitSet();
    private long tlbGen;

    MmuContext(long id, PageTable pageTable) {
        this.id = id;
        this.pageTable = pageTable;
    }

    public long id() {
        return id;
    }

    /** The page table CR3 points to while this mm runs; null for init_mm (not modelled). */
    public PageTable pageTable() {
        return pageTable;
    }

    /** Whether this is init_mm, the kernel's own address space (ctx_id 1). */
    public boolean isInitMm() {
        return pageTable == null;
    }

    public long tlbGen() {
        return tlbGen;
    }

    /** A copy of mm_cpumask(mm). */
    public BitSet mmCpumask() {
        return (BitSet) cpumask.clone();
    }

    public boolean inCpumask(int cpu) {
        return cpumask.get(cpu);
    }

    public int cpumaskWeight() {
        return cpumask.cardinality();
    }

    /** inc_mm_tlb_gen(): returns the new generation. */
    long incTlbGen() {
        return ++tlbGen;
    }

    void setCpu(int cpu) {
        cpumask.set(cpu);
    }

    void clearCpu(int cpu) {
        cpumask.clear(cpu);
    }

    /** The next CPU in the cpumask at or after {@code from}, or -1. */
    int nextCpu(int from) {
        return cpumask.nextSetBit(from);
    }

    @Override
    public String toString() {
        return isInitMm() ? "init_mm" : "mm ctx_id " + id;
    }
}
