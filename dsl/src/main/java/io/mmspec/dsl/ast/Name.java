package io.mmspec.dsl.ast;

/** One identifier as written: a process, a region, a disk, a kernel object, a field... */
public record Name(String text, Span span) {

    @Override
    public String toString() {
        return text;
    }
}
