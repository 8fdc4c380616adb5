package io.mmspec.dsl.ast;

/** A size in bytes, with the text it was written as ({@code 5 MB}). */
public record Size(long bytes, String text, Span span) {

    @Override
    public String toString() {
        return text;
    }
}
