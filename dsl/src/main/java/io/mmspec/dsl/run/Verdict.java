package io.mmspec.dsl.run;

/**
 * What a predicate found: whether it holds, what was observed, and why not.
 *
 * @param holds   true if the predicate holds
 * @param actual  the observed value or state, as text
 * @param message why it does not hold (empty when it does)
 */
public record Verdict(boolean holds, String actual, String message) {
    public static Verdict of(boolean holds, String actual, String expectedDescription) {
        return new Verdict(holds, actual, holds ? "" : "expected " + expectedDescription + ", but " + actual);
    }
}
