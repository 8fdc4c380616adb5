package io.mmspec.dsl.ast;

/** A transfer rate in bytes per second, with the text it was written as ({@code 500 MB/s}). */
public record Rate(long bytesPerSecond, String text, Span span) {

    @Override
    public String toString() {
        return text;
    }
}
