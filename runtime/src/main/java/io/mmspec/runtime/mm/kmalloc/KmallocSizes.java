package io.mmspec.runtime.mm.kmalloc;

/**
 * The kmalloc size classes. Mirrors mm/slab_common.c: kmalloc_size_index[] and
 * kmalloc_slab()'s index (&lt;= 192 bytes by table, above by fls(size - 1)), kmalloc_info[]
 * for the names and sizes, with KMALLOC_MIN_SIZE 8 and KMALLOC_SHIFT_HIGH 13 of x86-64.
 *
 * <pre>
 *   index  1   2    3  4   5   6   7    8    9    10  11  12  13
 *   size   96  192  8  16  32  64  128  256  512  1k  2k  4k  8k
 * </pre>
 */
final class KmallocSizes {
    static final int KMALLOC_SHIFT_LOW = 3;
    static final int KMALLOC_SHIFT_HIGH = 13;
    static final int KMALLOC_MAX_CACHE_SIZE = 1 << KMALLOC_SHIFT_HIGH;
    /** kmalloc_size_index[(size - 1) / 8] for sizes up to 192. */
    private static final int[] SIZE_INDEX = {
        3, 4, 5, 5, 6, 6, 6, 6, // 8 .. 64
        1, 1, 1, 1,             // 72 .. 96
        7, 7, 7, 7,             // 104 .. 128
        2, 2, 2, 2, 2, 2, 2, 2  // 136 .. 192
    };

    private KmallocSizes() {
    }

    /** kmalloc_slab()'s index for 1 .. 8192 bytes. */
    static int index(long size) {
        if (size <= 0 || size > KMALLOC_MAX_CACHE_SIZE) {
            throw new IllegalArgumentException("no kmalloc cache for " + size + " bytes");
        }
        if (size <= 192) {
            return SIZE_INDEX[(int) (size - 1) / 8];
        }
        return 64 - Long.numberOfLeadingZeros(size - 1);
    }

    /** kmalloc_info[index].size. */
    static int size(int index) {
        switch (index) {
            case 1: return 96;
            case 2: return 192;
            default: return 1 << index;
        }
    }

    /** The size part of the cache name: "96", "1k", "8k". */
    static String sizeName(int index) {
        int size = size(index);
        return size >= 1024 ? (size >> 10) + "k" : Integer.toString(size);
    }

    /** The indexes in the order create_kmalloc_caches() makes them: 96, 192, then 8 .. 8k. */
    static int[] creationOrder() {
        int[] order = new int[2 + KMALLOC_SHIFT_HIGH - KMALLOC_SHIFT_LOW + 1];
        order[0] = 1;
        order[1] = 2;
        for (int i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
            order[2 + i - KMALLOC_SHIFT_LOW] = i;
        }
        return order;
    }
}
