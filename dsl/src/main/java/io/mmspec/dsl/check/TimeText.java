package io.mmspec.dsl.check;

import java.math.BigDecimal;

/** Simulated times written for people: {@code 3 ms}, {@code 1.005 s}, {@code 250 ns}. */
final class TimeText {

    private TimeText() {
    }

    static String of(long nanos) {
        long magnitude = Math.abs(nanos);
        if (magnitude >= 1_000_000_000L) {
            return scaled(nanos, 9) + " s";
        }
        if (magnitude >= 1_000_000L) {
            return scaled(nanos, 6) + " ms";
        }
        if (magnitude >= 1_000L) {
            return scaled(nanos, 3) + " us";
        }
        return nanos + " ns";
    }

    private static String scaled(long nanos, int scale) {
        return BigDecimal.valueOf(nanos, scale).stripTrailingZeros().toPlainString();
    }
}
