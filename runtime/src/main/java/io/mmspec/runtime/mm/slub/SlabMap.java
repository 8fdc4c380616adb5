package io.mmspec.runtime.mm.slub;

import java.util.ArrayList;
import java.util.List;

/**
 * The head pfn of every slab to its {@link Slab}: virt_to_slab() without boxing. Open
 * addressing with linear probing and backward-shift deletion; iteration follows the table,
 * which depends only on the keys inserted, so it is deterministic.
 */
final class SlabMap {
    private long[] keys = new long[64];
    private Slab[] values = new Slab[64];
    private int size;

    int size() {
        return size;
    }

    Slab get(long pfn) {
        int mask = keys.length - 1;
        for (int i = hash(pfn) & mask; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == pfn) {
                return values[i];
            }
        }
        return null;
    }

    void put(long pfn, Slab slab) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = hash(pfn) & mask;
        while (values[i] != null && keys[i] != pfn) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            size++;
        }
        keys[i] = pfn;
        values[i] = slab;
    }

    void remove(long pfn) {
        int mask = keys.length - 1;
        int i = hash(pfn) & mask;
        while (values[i] != null && keys[i] != pfn) {
            i = (i + 1) & mask;
        }
        if (values[i] == null) {
            return;
        }
        values[i] = null;
        size--;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = hash(keys[j]) & mask;
            boolean between = i <= j ? i < home && home <= j : i < home || home <= j;
            if (!between) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    /** Every slab, in table order. */
    List<Slab> slabs() {
        List<Slab> all = new ArrayList<>(size);
        for (Slab slab : values) {
            if (slab != null) {
                all.add(slab);
            }
        }
        return all;
    }

    private void grow() {
        long[] oldKeys = keys;
        Slab[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Slab[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
