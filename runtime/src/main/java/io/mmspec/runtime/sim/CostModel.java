package io.mmspec.runtime.sim;

/**
 * What each operation costs in simulated nanoseconds. The defaults are round numbers of a
 * current x86-64 desktop, in one commented place; a scenario may override any of them.
 *
 * @param tlbHitNs          a translation found in the TLB (about one cycle)
 * @param pageWalkNs        a TLB miss: four dependent memory reads of the page walk
 * @param minorFaultNs      entering and leaving the fault handler, without I/O or zeroing
 * @param zeroPageNs        clearing one 4 KB page (clear_page with rep stosb)
 * @param copyPageNs        copying one 4 KB page (copy_page, for COW and migration)
 * @param memoryAccessNs    one access to memory after translation
 * @param tlbFlushNs        a local TLB flush (invlpg or a CR3 reload)
 * @param ipiNs             one TLB-shootdown IPI round trip to another CPU
 * @param syscallNs         entering and leaving the kernel for a system call
 * @param localNodeNs       a memory access on the local NUMA node
 * @param remoteNodeNs      a memory access on a remote NUMA node
 */
public record CostModel(
        long tlbHitNs,
        long pageWalkNs,
        long minorFaultNs,
        long zeroPageNs,
        long copyPageNs,
        long memoryAccessNs,
        long tlbFlushNs,
        long ipiNs,
        long syscallNs,
        long localNodeNs,
        long remoteNodeNs) {

    /** The defaults every scenario starts from. */
    public static CostModel defaults() {
        return new CostModel(
                1,      // TLB hit: ~0.3 ns, rounded up to the clock's grain
                60,     // page walk: ~200 cycles
                500,    // minor fault: exception entry, handle_mm_fault, return
                250,    // zeroing 4 KB at ~16 GB/s
                400,    // copying 4 KB
                50,     // one cache-missing memory access
                100,    // local flush
                2000,   // IPI to another CPU and wait for the ack
                100,    // syscall entry and exit
                50,     // local NUMA access (seed: 50 ns)
                150);   // remote NUMA access (seed: 150 ns)
    }

    /** The names a scenario uses for the costs, in the order of the record's components. */
    public static final java.util.List<String> NAMES = java.util.List.of(
            "tlb_hit", "page_walk", "minor_fault", "zero_page", "copy_page", "memory_access",
            "tlb_flush", "ipi", "syscall", "local_node", "remote_node");

    /** This model with the cost called {@code name} (one of {@link #NAMES}) set to {@code ns}. */
    public CostModel with(String name, long ns) {
        long[] v = {tlbHitNs, pageWalkNs, minorFaultNs, zeroPageNs, copyPageNs, memoryAccessNs,
                tlbFlushNs, ipiNs, syscallNs, localNodeNs, remoteNodeNs};
        int index = NAMES.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("unknown cost " + name);
        }
        v[index] = ns;
        return new CostModel(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
    }
}
