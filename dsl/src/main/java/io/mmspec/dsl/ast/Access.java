package io.mmspec.dsl.ast;

import java.util.Optional;

/** How {@code reads R} and {@code executes R} walk the region. */
public sealed interface Access {

    /** No pattern written: one access at the start of the region. */
    record Once() implements Access {
    }

    /** {@code sequentially [SIZE]}: one access per page in order, over the first SIZE or all. */
    record Sequential(Optional<Size> length) implements Access {
    }

    /** {@code randomly N times}: N accesses at pages drawn from the seeded stream. */
    record Random(Count times) implements Access {
    }

    /** {@code every STRIDE}: one access every STRIDE bytes from the start. */
    record Stride(Size stride) implements Access {
    }

    /** {@code N times}: the same first byte N times. */
    record Repeated(Count times) implements Access {
    }
}
