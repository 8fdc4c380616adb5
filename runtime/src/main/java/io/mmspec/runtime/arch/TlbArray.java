package io.mmspec.runtime.arch;

import java.util.Arrays;

/**
 * One fully associative set of TLB entries for one page size, replaced least recently used
 * first. Entries are tagged by (ASID, virtual page number). Everything lives in primitive
 * arrays fixed at construction: a lookup, fill or invalidation allocates nothing.
 *
 * <pre>
 *  slot:  key (asid << 40 | vpn)   entry (cached leaf)   LRU links   per-ASID links
 *  index: open-addressing hash key → slot, linear probing, backward-shift deletion
 *  LRU:   head = most recently used ... tail = next victim
 * </pre>
 *
 * The per-ASID lists make flushing one ASID cost the entries it holds, not the capacity.
 */
final class TlbArray {
    static final int MAX_ASIDS = 8;
    private static final int NIL = -1;
    private static final int ASID_SHIFT = 40;

    private final int capacity;
    private final long[] keys;
    private final long[] entries;
    private final int[] lruPrev;
    private final int[] lruNext;
    private final int[] asidPrev;
    private final int[] asidNext;
    private final int[] asidHead = new int[MAX_ASIDS];
    private final int[] asidCount = new int[MAX_ASIDS];
    private int lruHead = NIL;
    private int lruTail = NIL;
    private int freeHead;
    private int size;

    private final long[] hashKeys;
    private final int[] hashSlots;
    private final int hashMask;

    TlbArray(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a TLB needs at least one entry: " + capacity);
        }
        this.capacity = capacity;
        keys = new long[capacity];
        entries = new long[capacity];
        lruPrev = new int[capacity];
        lruNext = new int[capacity];
        asidPrev = new int[capacity];
        asidNext = new int[capacity];
        Arrays.fill(asidHead, NIL);
        for (int slot = 0; slot < capacity; slot++) {
            lruNext[slot] = slot + 1 < capacity ? slot + 1 : NIL;
        }
        int hashSize = Integer.highestOneBit(capacity * 2 - 1) << 1;
        hashKeys = new long[hashSize];
        hashSlots = new int[hashSize];
        Arrays.fill(hashSlots, NIL);
        hashMask = hashSize - 1;
    }

    static long key(int asid, long pageNumber) {
        return ((long) asid << ASID_SHIFT) | pageNumber;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return size;
    }

    int size(int asid) {
        return asidCount[asid];
    }

    /** The cached entry for key, made most recently used; 0 when absent. */
    long lookup(long key) {
        int slot = find(key);
        if (slot == NIL) {
            return 0;
        }
        touch(slot);
        return entries[slot];
    }

    /** Caches entry under key, evicting the least recently used entry when full; returns evictions. */
    int insert(long key, long entry) {
        int slot = find(key);
        if (slot != NIL) {
            entries[slot] = entry;
            touch(slot);
            return 0;
        }
        int evicted = 0;
        if (size == capacity) {
            remove(lruTail);
            evicted = 1;
        }
        slot = freeHead;
        freeHead = lruNext[slot];
        keys[slot] = key;
        entries[slot] = entry;
        linkLru(slot);
        linkAsid(slot);
        hashInsert(key, slot);
        size++;
        return evicted;
    }

    /** Drops the entry for key; returns 1 if there was one. */
    int invalidate(long key) {
        int slot = find(key);
        if (slot == NIL) {
            return 0;
        }
        remove(slot);
        return 1;
    }

    /** Drops every entry of one ASID; returns how many. */
    int invalidateAsid(int asid) {
        int removed = 0;
        while (asidHead[asid] != NIL) {
            remove(asidHead[asid]);
            removed++;
        }
        return removed;
    }

    /** Drops every entry; returns how many. */
    int invalidateAll() {
        int removed = 0;
        for (int asid = 0; asid < MAX_ASIDS; asid++) {
            removed += invalidateAsid(asid);
        }
        return removed;
    }

    private void remove(int slot) {
        hashRemove(keys[slot]);
        unlinkLru(slot);
        unlinkAsid(slot);
        lruNext[slot] = freeHead;
        freeHead = slot;
        size--;
    }

    private void touch(int slot) {
        if (lruHead != slot) {
            unlinkLru(slot);
            linkLru(slot);
        }
    }

    private void linkLru(int slot) {
        lruPrev[slot] = NIL;
        lruNext[slot] = lruHead;
        if (lruHead != NIL) {
            lruPrev[lruHead] = slot;
        }
        lruHead = slot;
        if (lruTail == NIL) {
            lruTail = slot;
        }
    }

    private void unlinkLru(int slot) {
        int prev = lruPrev[slot];
        int next = lruNext[slot];
        if (prev != NIL) {
            lruNext[prev] = next;
        } else {
            lruHead = next;
        }
        if (next != NIL) {
            lruPrev[next] = prev;
        } else {
            lruTail = prev;
        }
    }

    private void linkAsid(int slot) {
        int asid = asidOf(keys[slot]);
        asidPrev[slot] = NIL;
        asidNext[slot] = asidHead[asid];
        if (asidHead[asid] != NIL) {
            asidPrev[asidHead[asid]] = slot;
        }
        asidHead[asid] = slot;
        asidCount[asid]++;
    }

    private void unlinkAsid(int slot) {
        int asid = asidOf(keys[slot]);
        int prev = asidPrev[slot];
        int next = asidNext[slot];
        if (prev != NIL) {
            asidNext[prev] = next;
        } else {
            asidHead[asid] = next;
        }
        if (next != NIL) {
            asidPrev[next] = prev;
        }
        asidCount[asid]--;
    }

    private static int asidOf(long key) {
        return (int) (key >>> ASID_SHIFT);
    }

    private int find(long key) {
        for (int i = home(key); hashSlots[i] != NIL; i = (i + 1) & hashMask) {
            if (hashKeys[i] == key) {
                return hashSlots[i];
            }
        }
        return NIL;
    }

    private void hashInsert(long key, int slot) {
        int i = home(key);
        while (hashSlots[i] != NIL) {
            i = (i + 1) & hashMask;
        }
        hashKeys[i] = key;
        hashSlots[i] = slot;
    }

    /** Backward-shift deletion: pulls later probes into the hole so that no tombstones build up. */
    private void hashRemove(long key) {
        int hole = home(key);
        while (hashKeys[hole] != key || hashSlots[hole] == NIL) {
            hole = (hole + 1) & hashMask;
        }
        for (int i = (hole + 1) & hashMask; hashSlots[i] != NIL; i = (i + 1) & hashMask) {
            int wanted = home(hashKeys[i]);
            if (((i - wanted) & hashMask) >= ((i - hole) & hashMask)) {
                hashKeys[hole] = hashKeys[i];
                hashSlots[hole] = hashSlots[i];
                hole = i;
            }
        }
        hashSlots[hole] = NIL;
    }

    private int home(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & hashMask;
    }

    /** Recounts the LRU list, the ASID lists and the hash index against size. */
    void checkInvariants() {
        int lru = 0;
        int previous = NIL;
        for (int slot = lruHead; slot != NIL; slot = lruNext[slot]) {
            if (lruPrev[slot] != previous || find(keys[slot]) != slot) {
                throw new IllegalStateException("TLB slot " + slot + " is mislinked or not indexed");
            }
            previous = slot;
            lru++;
        }
        int perAsid = 0;
        for (int asid = 0; asid < MAX_ASIDS; asid++) {
            int n = 0;
            for (int slot = asidHead[asid]; slot != NIL; slot = asidNext[slot]) {
                if (asidOf(keys[slot]) != asid) {
                    throw new IllegalStateException("TLB slot " + slot + " on the wrong ASID list");
                }
                n++;
            }
            if (n != asidCount[asid]) {
                throw new IllegalStateException("ASID " + asid + " counts " + asidCount[asid] + ", lists " + n);
            }
            perAsid += n;
        }
        int hashed = 0;
        for (int slotRef : hashSlots) {
            hashed += slotRef == NIL ? 0 : 1;
        }
        if (lru != size || perAsid != size || hashed != size || previous != lruTail) {
            throw new IllegalStateException("TLB size " + size + " but LRU " + lru + ", ASID lists "
                    + perAsid + ", index " + hashed);
        }
    }
}
