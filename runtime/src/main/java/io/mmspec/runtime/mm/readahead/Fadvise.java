package io.mmspec.runtime.mm.readahead;

/**
 * POSIX_FADV_* advice values of posix_fadvise(2) (include/uapi/linux/fadvise.h, the values of
 * every architecture but s390). What each does is mm/fadvise.c's business:
 * {@code io.mmspec.runtime.mm.filemap.PageCache#fadvise}.
 */
public enum Fadvise {
    NORMAL(0), RANDOM(1), SEQUENTIAL(2), WILLNEED(3), DONTNEED(4), NOREUSE(5);

    private final int value;

    Fadvise(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
