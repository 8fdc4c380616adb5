package io.mmspec.dsl.cli;

/** The command line's exit codes, a stable contract (DESIGN.md). */
public final class ExitCodes {
    /** Every expectation holds. */
    public static final int OK = 0;
    /** Some expectation failed. */
    public static final int FAILED = 1;
    /** The input is invalid or the usage is wrong. */
    public static final int INVALID = 2;
    /** A limit (simulated time, events, wall clock) stopped a run. */
    public static final int LIMIT = 3;
    /** A bug in mmspec itself (EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCodes() {
    }

    /** The code that says more: invalid input over a stopped run over a failure over success. */
    public static int worst(int a, int b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(int code) {
        return switch (code) {
            case INVALID -> 4;
            case LIMIT -> 3;
            case FAILED -> 2;
            case OK -> 0;
            default -> 5;
        };
    }
}
