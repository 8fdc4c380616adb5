package io.mmspec.dsl.ast;

/**
 * Access permissions as /proc/PID/maps writes them ({@code rw-}, {@code r-x}, {@code ---});
 * the dashes may be left out ({@code rw}, {@code rwx}).
 */
public record Permission(boolean read, boolean write, boolean exec, String text, Span span) {

    /** The PROT_* bits: PROT_READ 1, PROT_WRITE 2, PROT_EXEC 4. */
    public int prot() {
        return (read ? 1 : 0) | (write ? 2 : 0) | (exec ? 4 : 0);
    }

    @Override
    public String toString() {
        return text;
    }
}
