package io.mmspec.dsl.ast;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The right-hand number of a comparison ({@code >= 1}, {@code == 1200 KB}): whether it needs
 * a unit depends on the metric it is compared with, which the checker decides.
 * {@link #scaled()} is the value in bytes or nanoseconds (the number itself without a unit).
 */
public record Amount(BigDecimal value, Optional<Unit> unit, String text, Span span)
        implements Operand {

    /** The value times the unit's factor: bytes, nanoseconds, or the bare number. */
    public BigDecimal scaled() {
        return unit.map(u -> value.multiply(u.factor())).orElse(value);
    }

    @Override
    public String toString() {
        return text;
    }
}
