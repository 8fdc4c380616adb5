package io.mmspec.runtime.mm.mmap;

/** A file on device 08:01 for tests. */
final class TestFile implements MappedFile {
    private final String path;
    private final long size;
    private final long inode;

    TestFile(String path, long size, long inode) {
        this.path = path;
        this.size = size;
        this.inode = inode;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int devMajor() {
        return 8;
    }

    @Override
    public int devMinor() {
        return 1;
    }

    @Override
    public long inode() {
        return inode;
    }
}
