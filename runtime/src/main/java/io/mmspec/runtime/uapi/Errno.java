package io.mmspec.runtime.uapi;

/** Error numbers as in include/uapi/asm-generic/errno-base.h and errno.h (x86-64 values). */
public enum Errno {
    EPERM(1), ENOENT(2), ESRCH(3), EINTR(4), EIO(5), EBADF(9), ECHILD(10), EAGAIN(11),
    ENOMEM(12), EACCES(13), EFAULT(14), EBUSY(16), EEXIST(17), ENODEV(19), EINVAL(22),
    ENFILE(23), EMFILE(24), EFBIG(27), ENOSPC(28), EOVERFLOW(75);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The positive errno value a system call returns negated. */
    public int number() {
        return number;
    }
}
