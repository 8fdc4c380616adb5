package io.mmspec.dsl.ast;

/** A virtual address written in hex ({@code 0x10000000}). */
public record Address(long value, String text, Span span) {

    @Override
    public String toString() {
        return text;
    }
}
