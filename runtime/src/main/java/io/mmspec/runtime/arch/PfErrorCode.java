package io.mmspec.runtime.arch;

/**
 * The page-fault error code the CPU pushes for #PF: mirrors enum x86_pf_error_code in
 * arch/x86/include/asm/trap_pf.h, read by arch/x86/mm/fault.c (do_user_addr_fault,
 * access_error). Protection keys, shadow stacks and SGX are not modelled.
 */
public final class PfErrorCode {
    /** 0: no page found; 1: protection fault (the page was present). */
    public static final int PROT = 1;
    /** 0: read access; 1: write access. */
    public static final int WRITE = 1 << 1;
    /** 0: kernel-mode access; 1: user-mode access. */
    public static final int USER = 1 << 2;
    /** 1: a reserved bit was set in a paging-structure entry (fault.c: pgtable_bad). */
    public static final int RSVD = 1 << 3;
    /** 1: fault was an instruction fetch (set because NX is enabled). */
    public static final int INSTR = 1 << 4;

    private PfErrorCode() {
    }

    /** The set bits by name, e.g. {@code PROT|WRITE|USER}; {@code 0} for none. */
    public static String describe(int errorCode) {
        StringBuilder text = new StringBuilder();
        append(text, errorCode, PROT, "PROT");
        append(text, errorCode, WRITE, "WRITE");
        append(text, errorCode, USER, "USER");
        append(text, errorCode, RSVD, "RSVD");
        append(text, errorCode, INSTR, "INSTR");
        return text.length() == 0 ? "0" : text.toString();
    }

    private static void append(StringBuilder text, int errorCode, int bit, String name) {
        if ((errorCode & bit) != 0) {
            if (text.length() > 0) {
                text.append('|');
            }
            text.append(name);
        }
    }
}
