package io.mmspec.dsl.ast;

import java.util.Optional;

/**
 * {@code file "/usr/bin/firefox" size 100 MB on ssd { text 50 MB, data 10 MB, bss 5 MB }}.
 * Without a size, the file is as long as its contents (or empty); without {@code on}, it lives
 * on the machine's default disk.
 */
public record FileDecl(
        StringLit path,
        Optional<Size> size,
        Optional<Name> disk,
        Optional<StringLit> contents,
        Optional<Layout> layout,
        Span span) {

    /**
     * The ELF layout execve maps: text from offset 0, data after it (both from the file), bss
     * anonymous after data (not stored in the file, as an ELF .bss).
     */
    public record Layout(Optional<Size> text, Optional<Size> data, Optional<Size> bss, Span span) {
    }
}
