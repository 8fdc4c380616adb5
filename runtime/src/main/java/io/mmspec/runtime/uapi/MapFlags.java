package io.mmspec.runtime.uapi;

/** MAP_* flags of mmap(2), x86-64 values (include/uapi/asm-generic/mman*.h, linux/mman.h). */
public final class MapFlags {
    public static final int SHARED = 0x01;
    public static final int PRIVATE = 0x02;
    public static final int FIXED = 0x10;
    public static final int ANONYMOUS = 0x20;
    public static final int GROWSDOWN = 0x100;
    public static final int DENYWRITE = 0x800;
    public static final int EXECUTABLE = 0x1000;
    public static final int LOCKED = 0x2000;
    public static final int NORESERVE = 0x4000;
    public static final int POPULATE = 0x8000;
    public static final int NONBLOCK = 0x10000;
    public static final int STACK = 0x20000;
    public static final int HUGETLB = 0x40000;
    public static final int FIXED_NOREPLACE = 0x100000;

    private MapFlags() {
    }
}
