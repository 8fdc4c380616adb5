package io.mmspec.runtime.mm.memory;

/** /sys/kernel/mm/transparent_hugepage/enabled (mm/huge_memory.c). */
public enum ThpMode {
    /** Every suitable anonymous fault tries a 2 MB page. */
    ALWAYS,
    /** Only VMAs with MADV_HUGEPAGE (VM_HUGEPAGE) do; the default of common distro kernels. */
    MADVISE,
    /** Never. */
    NEVER
}
