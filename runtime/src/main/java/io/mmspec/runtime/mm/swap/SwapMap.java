package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.sim.LongLongMap;

/**
 * si->swap_map of one device: one byte per slot, the number of swap PTEs that hold the slot
 * plus SWAP_HAS_CACHE while a page for it sits in the swap cache. Mirrors mm/swapfile.c:
 * __swap_duplicate(), __swap_entry_free_locked() and swap_count_continued().
 *
 * <pre>
 *   bit 7    COUNT_CONTINUED  higher digits live in a continuation
 *   bit 6    SWAP_HAS_CACHE   a page of the swap cache holds the slot
 *   bits 0-5 the count (0x3e SWAP_MAP_MAX, 0x3f SWAP_MAP_BAD)
 * </pre>
 *
 * Counts above SWAP_MAP_MAX carry into higher digits, as the kernel's continuation pages do: the
 * byte keeps the low digit (0..0x3e) and the rest is kept here per slot. The kernel allocates a
 * continuation page for that (GFP_ATOMIC); this model never fails it. Byte arrays exist per
 * cluster, from the first use of the cluster on.
 */
final class SwapMap {
    static final int SWAP_HAS_CACHE = 0x40;
    static final int COUNT_CONTINUED = 0x80;
    static final int SWAP_MAP_MAX = 0x3e;
    static final int SWAP_MAP_BAD = 0x3f;
    private static final int CLUSTER = Clusters.SWAPFILE_CLUSTER;
    private static final int COUNT_MASK = ~(SWAP_HAS_CACHE | COUNT_CONTINUED) & 0xff;

    private final byte[][] bytes;
    /** The higher digits of counts above SWAP_MAP_MAX, by offset. */
    private final LongLongMap continued = new LongLongMap();

    SwapMap(int nrClusters) {
        this.bytes = new byte[nrClusters][];
    }

    /** si->swap_map[offset] as the kernel reads it. */
    int get(long offset) {
        byte[] cluster = bytes[(int) (offset / CLUSTER)];
        return cluster == null ? 0 : cluster[(int) (offset % CLUSTER)] & 0xff;
    }

    void set(long offset, int value) {
        int ci = (int) (offset / CLUSTER);
        if (bytes[ci] == null) {
            if (value == 0) {
                return;
            }
            bytes[ci] = new byte[CLUSTER];
        }
        bytes[ci][(int) (offset % CLUSTER)] = (byte) value;
    }

    boolean hasCache(long offset) {
        return (get(offset) & SWAP_HAS_CACHE) != 0;
    }

    /** swap_count() of the whole multi-digit count: how many swap PTEs hold the slot. */
    long count(long offset) {
        int value = get(offset);
        if (value == SWAP_MAP_BAD) {
            return 0;
        }
        long low = value & COUNT_MASK;
        return low + (SWAP_MAP_MAX + 1L) * continued.get(offset, 0);
    }

    /** One more swap PTE holds the slot (the count part of __swap_duplicate()). */
    void increment(long offset) {
        int value = get(offset);
        int cache = value & SWAP_HAS_CACHE;
        int low = value & COUNT_MASK;
        if (low < SWAP_MAP_MAX) {
            set(offset, (value & COUNT_CONTINUED) | cache | (low + 1));
            return;
        }
        continued.put(offset, continued.get(offset, 0) + 1); // carry: the low digit wraps to 0
        set(offset, COUNT_CONTINUED | cache);
    }

    /** One swap PTE less (the count part of __swap_entry_free_locked()). */
    void decrement(long offset) {
        int value = get(offset);
        int cache = value & SWAP_HAS_CACHE;
        int low = value & COUNT_MASK;
        if (low > 0) {
            set(offset, (value & COUNT_CONTINUED) | cache | (low - 1));
            return;
        }
        long high = continued.get(offset, 0);
        if ((value & COUNT_CONTINUED) == 0 || high == 0) {
            throw new IllegalStateException("swap count underflow at offset " + offset);
        }
        if (high == 1) { // borrow the last higher digit
            continued.remove(offset, 0);
            set(offset, cache | SWAP_MAP_MAX);
        } else {
            continued.put(offset, high - 1);
            set(offset, COUNT_CONTINUED | cache | SWAP_MAP_MAX);
        }
    }

    /** Receives one slot whose swap_map byte is not 0. */
    @FunctionalInterface
    interface SlotVisitor {
        void visit(long offset, int value);
    }

    /** Visits every slot whose byte is not 0, in offset order; clusters never used cost nothing. */
    void forEachUsed(SlotVisitor visitor) {
        for (int ci = 0; ci < bytes.length; ci++) {
            byte[] cluster = bytes[ci];
            if (cluster == null) {
                continue;
            }
            for (int i = 0; i < CLUSTER; i++) {
                if (cluster[i] != 0) {
                    visitor.visit((long) ci * CLUSTER + i, cluster[i] & 0xff);
                }
            }
        }
    }

    /** Slots whose count went above SWAP_MAP_MAX (continuations in use). */
    int continuations() {
        return continued.size();
    }
}
