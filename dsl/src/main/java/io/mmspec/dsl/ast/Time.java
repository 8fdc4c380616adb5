package io.mmspec.dsl.ast;

/** A time or duration in nanoseconds, with the text it was written as ({@code 1.005 s}). */
public record Time(long nanos, String text, Span span) {

    @Override
    public String toString() {
        return text;
    }
}
