package io.mmspec.runtime.fs;

import io.mmspec.runtime.mm.mmap.MappedFile;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A regular file (struct inode): a size, the device it lives on, and its contents on disk.
 * Contents are kept sparsely, one 4 KB block at a time; a block never written reads as zeros.
 * What is in the page cache is the page cache's business (mm/filemap); this is the disk.
 */
public final class Inode implements MappedFile {
    public static final int BLOCK = 4096;

    private final long ino;
    private final String path;
    private final BlockDevice device;
    private final ElfLayout elf;
    private final TreeMap<Long, byte[]> blocks = new TreeMap<>();
    private long size;

    Inode(long ino, String path, long size, BlockDevice device, ElfLayout elf) {
        this.ino = ino;
        this.path = path;
        this.size = size;
        this.device = device;
        this.elf = elf;
    }

    public long ino() {
        return ino;
    }

    /** inode->i_ino, as /proc/PID/maps prints it. */
    @Override
    public long inode() {
        return ino;
    }

    /** Every file lives on one root filesystem, 8:1 (/dev/sda1) in /proc/PID/maps. */
    @Override
    public int devMajor() {
        return 8;
    }

    @Override
    public int devMinor() {
        return 1;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public long size() {
        return size;
    }

    /** Pages of the file, DIV_ROUND_UP(i_size, PAGE_SIZE): a fault at or past it is SIGBUS. */
    public long pages() {
        return (size + BLOCK - 1) / BLOCK;
    }

    public BlockDevice device() {
        return device;
    }

    public Optional<ElfLayout> elf() {
        return Optional.ofNullable(elf);
    }

    /** Copies block {@code index} of the disk contents into {@code page} (zeros if never written). */
    public void readBlock(long index, byte[] page) {
        byte[] block = blocks.get(index);
        if (block == null) {
            Arrays.fill(page, (byte) 0);
        } else {
            System.arraycopy(block, 0, page, 0, BLOCK);
        }
    }

    /** True if block {@code index} holds no non-zero byte on disk. */
    public boolean isBlockZero(long index) {
        return !blocks.containsKey(index);
    }

    /** Writes a whole block to disk (writeback); an all-zero block is stored as a hole. */
    public void writeBlock(long index, byte[] page) {
        if (isAllZero(page)) {
            blocks.remove(index);
        } else {
            blocks.put(index, page.clone());
        }
    }

    /** One byte of the disk contents, without any caching (what a predicate peeks at). */
    public byte diskByte(long offset) {
        byte[] block = blocks.get(offset / BLOCK);
        return block == null ? 0 : block[(int) (offset % BLOCK)];
    }

    /** Extends the file (a write past the end); never shrinks. */
    public void growTo(long newSize) {
        size = Math.max(size, newSize);
    }

    /** Blocks that hold data on disk: cost follows what was written, not the file's size. */
    public int storedBlocks() {
        return blocks.size();
    }

    private static boolean isAllZero(byte[] page) {
        for (byte b : page) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return path;
    }
}
