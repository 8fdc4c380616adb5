package io.mmspec.dsl.ast;

/**
 * A place in a process's address space (or, after {@code kernel}, in a kernel object): a
 * named mapping, a byte at an offset into it, a half-open slice of it, or a hex address.
 * Offsets and slice bounds always carry a size unit.
 */
public sealed interface Region {

    Span span();

    /** The name the region is known by, or null for a bare address. */
    Name nameOrNull();

    /** The whole region: {@code buf}. */
    record Whole(Name name, Span span) implements Region {
        @Override
        public Name nameOrNull() {
            return name;
        }
    }

    /** One byte at an offset into the region (for a range: the page holding it): {@code buf + 4 KB}. */
    record Offset(Name name, Size offset, Span span) implements Region {
        @Override
        public Name nameOrNull() {
            return name;
        }
    }

    /** The bytes [from, to) of the region: {@code buf[4 KB .. 8 KB]}. */
    record Slice(Name name, Size from, Size to, Span span) implements Region {
        @Override
        public Name nameOrNull() {
            return name;
        }
    }

    /** A virtual address: {@code 0x7f0000001000}. */
    record At(Address address, Span span) implements Region {
        @Override
        public Name nameOrNull() {
            return null;
        }
    }
}
