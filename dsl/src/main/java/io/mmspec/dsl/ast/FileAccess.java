package io.mmspec.dsl.ast;

import java.util.Optional;

/** How {@code reads file "F"} reads the file with read(2). */
public sealed interface FileAccess {

    /** Nothing written: the whole file from offset 0, in one read. */
    record Whole() implements FileAccess {
    }

    /** {@code 4 KB at 8 KB}: one read of LENGTH bytes at OFFSET (0 if not written). */
    record Range(Size length, Optional<Size> offset) implements FileAccess {
    }

    /** {@code sequentially}: the whole file, one page per read, in order. */
    record Sequential() implements FileAccess {
    }

    /** {@code randomly N times}: N one-page reads at pages drawn from the seeded stream. */
    record Random(Count times) implements FileAccess {
    }
}
