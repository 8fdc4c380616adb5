package io.mmspec.runtime.fs;

/**
 * The loadable segments of an executable, as load_elf_binary() maps them: text (r-x, from
 * file offset 0), data (rw-, from the file right after text) and bss (anonymous, zeroed).
 */
public record ElfLayout(long textBytes, long dataBytes, long bssBytes) {
    public ElfLayout {
        if (textBytes <= 0 || dataBytes < 0 || bssBytes < 0) {
            throw new IllegalArgumentException("bad ELF layout");
        }
    }
}
