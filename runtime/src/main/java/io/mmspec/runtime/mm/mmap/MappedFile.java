package io.mmspec.runtime.mm.mmap;

/**
 * What a file-backed VMA maps: the part of {@code struct file} and its inode that mm/mmap.c and
 * /proc/PID/maps look at. The file system (the lead's fs/ package) implements it.
 *
 * <p>Identity: the kernel merges two VMAs only if they hold the same {@code vm_file} pointer,
 * so two VMAs here merge only if they hold the same {@code MappedFile} object ({@code ==}).
 * Mapping the same path through two separate opens gives two objects and no merge, as in Linux.
 */
public interface MappedFile {
    /** The path /proc/PID/maps prints (seq_file_path()). */
    String path();

    /** i_size in bytes; faults past its last page are SIGBUS (the fault handler's business). */
    long size();

    /** MAJOR(inode->i_sb->s_dev). */
    int devMajor();

    /** MINOR(inode->i_sb->s_dev). */
    int devMinor();

    /** inode->i_ino. */
    long inode();
}
