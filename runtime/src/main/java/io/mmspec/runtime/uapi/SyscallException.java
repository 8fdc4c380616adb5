package io.mmspec.runtime.uapi;

/**
 * A system call that returned an error. The kernel returns {@code -errno}; we throw, so that
 * error paths cannot be ignored by accident.
 */
public final class SyscallException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Errno errno;

    public SyscallException(Errno errno, String message) {
        super(errno + ": " + message);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
