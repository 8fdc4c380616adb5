package io.mmspec.runtime.uapi;

/** PROT_* bits of mmap(2) and mprotect(2) (include/uapi/asm-generic/mman-common.h). */
public final class Prot {
    public static final int NONE = 0x0;
    public static final int READ = 0x1;
    public static final int WRITE = 0x2;
    public static final int EXEC = 0x4;

    private Prot() {
    }

    /** The four-character permission column of /proc/PID/maps, e.g. {@code r-xp}. */
    public static String toMapsString(int prot, boolean shared) {
        return ((prot & READ) != 0 ? "r" : "-")
                + ((prot & WRITE) != 0 ? "w" : "-")
                + ((prot & EXEC) != 0 ? "x" : "-")
                + (shared ? "s" : "p");
    }

    /** Parses {@code rw}, {@code rw-}, {@code r-x}, {@code ---} (the maps form without p/s). */
    public static int parse(String text) {
        int prot = NONE;
        for (char c : text.toCharArray()) {
            switch (c) {
                case 'r' -> prot |= READ;
                case 'w' -> prot |= WRITE;
                case 'x' -> prot |= EXEC;
                case '-' -> { }
                default -> throw new IllegalArgumentException("not a permission: " + text);
            }
        }
        return prot;
    }
}
