package io.mmspec.runtime.uapi;

/** Signal numbers (x86-64, include/uapi/asm-generic/signal.h) with their si_code values. */
public enum Signal {
    SIGBUS(7), SIGKILL(9), SIGSEGV(11), SIGTERM(15);

    /** si_code for SIGSEGV: no mapping at the address. */
    public static final int SEGV_MAPERR = 1;
    /** si_code for SIGSEGV: a mapping exists but forbids the access. */
    public static final int SEGV_ACCERR = 2;
    /** si_code for SIGBUS: nonexistent physical address (e.g. past the end of a file). */
    public static final int BUS_ADRERR = 2;
    /** si_code of a signal sent by the kernel, not from a fault (SI_KERNEL). */
    public static final int SI_KERNEL = 0x80;

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
