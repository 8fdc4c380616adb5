package io.mmspec.runtime.mm.mmap;

/**
 * An executable as execve sees it: a file whose first {@code textSize} bytes are the r-x text
 * segment and the next {@code dataSize} bytes the rw- data segment, followed in memory by
 * {@code bssSize} bytes of zeroed bss. Sizes are rounded up to pages (each segment starts on a
 * page, as with {@code ld -z separate-code}).
 *
 * @param pie position-independent (ET_DYN with an interpreter): loaded at ELF_ET_DYN_BASE plus
 *            ASLR; otherwise ET_EXEC linked at 0x400000
 */
public record ElfBinary(MappedFile file, long textSize, long dataSize, long bssSize,
        boolean pie) {

    public ElfBinary {
        if (file == null || textSize <= 0 || dataSize < 0 || bssSize < 0) {
            throw new IllegalArgumentException("an executable needs a file and a text segment");
        }
        if (textSize + dataSize > file.size()) {
            throw new IllegalArgumentException(file.path() + " is smaller than text + data");
        }
    }
}
