package io.mmspec.runtime.mm.vmalloc;

import java.util.List;

/**
 * What a kernel-mode access to a vmalloc address does: it hits the page mapped there, or it
 * takes a not-present page fault that the kernel cannot fix up (vmalloc memory is never
 * faulted in) and oopses. The oops lines are those of show_fault_oops() in
 * arch/x86/mm/fault.c, printed at KERN_ALERT:
 *
 * <pre>
 *   BUG: unable to handle page fault for address: ffffc90000a00000
 *   #PF: supervisor write access in kernel mode
 *   #PF: error_code(0x0002) - not-present page
 * </pre>
 *
 * @param address   the virtual address accessed
 * @param write     a write (else a read)
 * @param pfn       the page frame hit, or -1 for a fault
 * @param errorCode the #PF error code pushed for a fault (X86_PF_WRITE for a write), 0 for a hit
 * @param oops      the oops lines for a fault, empty for a hit
 */
public record AccessResult(long address, boolean write, long pfn, int errorCode, List<String> oops) {
    /** X86_PF_WRITE. */
    static final int PF_WRITE = 1 << 1;

    public AccessResult {
        oops = List.copyOf(oops);
    }

    static AccessResult hit(long address, boolean write, long pfn) {
        return new AccessResult(address, write, pfn, 0, List.of());
    }

    /** show_fault_oops() for a kernel-mode access to a not-present page. */
    static AccessResult notPresent(long address, boolean write) {
        int errorCode = write ? PF_WRITE : 0;
        return new AccessResult(address, write, -1, errorCode, List.of(
                String.format("BUG: unable to handle page fault for address: %016x", address),
                "#PF: supervisor " + (write ? "write access" : "read access") + " in kernel mode",
                String.format("#PF: error_code(0x%04x) - not-present page", errorCode)));
    }

    public boolean faulted() {
        return pfn < 0;
    }
}
