package io.mmspec.runtime.mm.vmalloc;

/**
 * flush_tlb_kernel_range(start, end) on every CPU (arch/x86/mm/tlb.c): how the lazy purge
 * drops stale kernel translations. The machine wires it to its TLBs; vmalloc only decides
 * when and over which range.
 */
@FunctionalInterface
public interface KernelTlb {
    /** Flushes kernel translations of [start, end) on every CPU. */
    void flushKernelRange(long start, long end);
}
