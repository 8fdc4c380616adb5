package io.mmspec.runtime.task;

/**
 * A named address range of a process: what a scenario calls {@code buf} or {@code text}.
 *
 * @param start first byte
 * @param length bytes
 */
public record Region(long start, long length) {
    public Region {
        if (length < 0) {
            throw new IllegalArgumentException("negative region length");
        }
    }

    public long end() {
        return start + length;
    }
}
