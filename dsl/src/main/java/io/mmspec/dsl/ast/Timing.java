package io.mmspec.dsl.ast;

import java.util.Optional;

/**
 * When a statement runs. {@code after} and a {@code repeat} without {@code from} count from
 * the statement written just before (its first time), or from 0 at the start of a timeline.
 */
public sealed interface Timing {

    Span span();

    /** {@code at 1.5 s}. */
    record At(Time time, Span span) implements Timing {
    }

    /** {@code after 10 ms}. */
    record After(Time delay, Span span) implements Timing {
    }

    /** {@code every 10 ms from 90 s to 91 s}: both ends included. */
    record Every(Time period, Time from, Time to, Span span) implements Timing {
    }

    /** {@code repeat 3 times every 1 s from 5 s}: period 0 when no {@code every}. */
    record Repeat(Count times, Optional<Time> period, Optional<Time> from, Span span) implements Timing {
    }
}
