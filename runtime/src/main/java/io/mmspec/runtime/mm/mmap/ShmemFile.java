package io.mmspec.runtime.mm.mmap;

/**
 * The file that shmem_zero_setup() gives a MAP_SHARED|MAP_ANONYMOUS mapping: an unlinked shmem
 * inode named "dev/zero" on the internal shm mount, so /proc/PID/maps prints
 * {@code /dev/zero (deleted)} with device 00:01. Its pages are shared by everyone who maps it
 * (a fork child included) and start zeroed; each such mmap gets its own inode, so two shared
 * anonymous mappings never merge. Mirrors mm/shmem.c: shmem_zero_setup().
 */
public final class ShmemFile implements MappedFile {
    private final long inode;
    private final long size;

    ShmemFile(long inode, long size) {
        this.inode = inode;
        this.size = size;
    }

    @Override
    public String path() {
        return "/dev/zero (deleted)";
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int devMajor() {
        return 0;
    }

    @Override
    public int devMinor() {
        return 1;
    }

    @Override
    public long inode() {
        return inode;
    }

    @Override
    public String toString() {
        return "shmem:" + inode;
    }
}
