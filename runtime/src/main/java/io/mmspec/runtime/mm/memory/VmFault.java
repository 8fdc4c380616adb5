package io.mmspec.runtime.mm.memory;

/**
 * The result bits of a fault (include/linux/mm_types.h: vm_fault_t), plus the two outcomes
 * arch/x86/mm/fault.c decides before handle_mm_fault() runs (no VMA: SEGV_MAPERR; a VMA that
 * forbids the access: SEGV_ACCERR). Faults return an int of these bits so that the fault path
 * allocates nothing.
 */
public final class VmFault {
    /** Handled; the access can be retried. */
    public static final int OK = 0;
    public static final int OOM = 0x000001;
    public static final int SIGBUS = 0x000002;
    /** The fault needed I/O (a page-cache miss or a swap read). */
    public static final int MAJOR = 0x000004;
    public static final int SIGSEGV = 0x000040;
    public static final int FALLBACK = 0x000800;
    /** Our own bit: SIGSEGV because no VMA covers the address (si_code SEGV_MAPERR). */
    public static final int MAPERR = 0x100000;
    /** Our own bit: SIGSEGV because the VMA forbids the access (si_code SEGV_ACCERR). */
    public static final int ACCERR = 0x200000;

    /** VM_FAULT_ERROR: any of the bits that end in a signal or OOM. */
    public static final int ERROR = OOM | SIGBUS | SIGSEGV;

    private VmFault() {
    }

    public static boolean isError(int result) {
        return (result & ERROR) != 0;
    }

    public static boolean isMajor(int result) {
        return (result & MAJOR) != 0;
    }
}
