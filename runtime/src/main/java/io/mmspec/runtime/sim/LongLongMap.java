package io.mmspec.runtime.sim;

import java.util.Arrays;

/**
 * An open-addressing map from long to long without boxing, for per-page indexes on hot paths
 * (a page cache's pgoff to pfn, for example). Iteration order depends only on the sequence of
 * operations, never on identity hashes, so it is deterministic. Keys may be any long except
 * {@link Long#MIN_VALUE}, which marks an empty slot.
 */
public final class LongLongMap {
    private static final long EMPTY = Long.MIN_VALUE;
    private long[] keys;
    private long[] values;
    private int size;

    public LongLongMap() {
        this(16);
    }

    public LongLongMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, EMPTY);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean containsKey(long key) {
        return keys[slot(key)] == key;
    }

    /** The value for {@code key}, or {@code missing} if absent. */
    public long get(long key, long missing) {
        int slot = slot(key);
        return keys[slot] == key ? values[slot] : missing;
    }

    public void put(long key, long value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("reserved key");
        }
        int slot = slot(key);
        if (keys[slot] != key) {
            keys[slot] = key;
            size++;
        }
        values[slot] = value;
        if (size * 4 > keys.length * 3) {
            rehash(keys.length * 2);
        }
    }

    /** Removes {@code key}; returns its value or {@code missing}. Backward-shift deletion. */
    public long remove(long key, long missing) {
        int slot = slot(key);
        if (keys[slot] != key) {
            return missing;
        }
        long old = values[slot];
        int mask = keys.length - 1;
        int hole = slot;
        int next = (hole + 1) & mask;
        while (keys[next] != EMPTY) {
            int home = hash(keys[next]) & mask;
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = EMPTY;
        size--;
        return old;
    }

    /** Visits every entry; the visitor must not modify the map. */
    public void forEach(Visitor visitor) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                visitor.visit(keys[i], values[i]);
            }
        }
    }

    /** The keys in ascending order (allocates; for views and checks, not hot paths). */
    public long[] sortedKeys() {
        long[] out = new long[size];
        int n = 0;
        for (long key : keys) {
            if (key != EMPTY) {
                out[n++] = key;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Receives one entry. */
    @FunctionalInterface
    public interface Visitor {
        void visit(long key, long value);
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int slot = hash(key) & mask;
        while (keys[slot] != EMPTY && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static int hash(long key) {
        long h = key * 0x9e3779b97f4a7c15L;
        return (int) (h ^ (h >>> 32));
    }

    private void rehash(int capacity) {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, EMPTY);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
