package io.mmspec.runtime.uapi;

/** MADV_* advice values of madvise(2) (include/uapi/asm-generic/mman-common.h). */
public enum Madvise {
    NORMAL(0), RANDOM(1), SEQUENTIAL(2), WILLNEED(3), DONTNEED(4), FREE(8), REMOVE(9),
    DONTFORK(10), DOFORK(11), MERGEABLE(12), UNMERGEABLE(13), HUGEPAGE(14), NOHUGEPAGE(15),
    COLD(20), PAGEOUT(21), POPULATE_READ(22), POPULATE_WRITE(23);

    private final int value;

    Madvise(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
