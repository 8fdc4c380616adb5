package io.mmspec.runtime.mm.vmalloc;

import java.util.Arrays;

/**
 * Areas sorted by address: the busy tree (vmap_area_root with its address-sorted list) and
 * the lazy tree (vn->lazy.root). Sorted parallel arrays, so finding the area that holds an
 * address is a binary search with no boxing (the access path runs per kernel touch).
 * Keys are offsets from VMALLOC_START.
 */
final class AreaTree {
    private long[] keys = new long[16];
    private VmapArea[] areas = new VmapArea[16];
    private int size;

    /** insert_vmap_area(). */
    void insert(long key, VmapArea area) {
        int at = search(key);
        if (at >= 0) {
            throw new IllegalStateException("vmap area at +0x" + Long.toHexString(key) + " inserted twice");
        }
        at = -at - 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            areas = Arrays.copyOf(areas, size * 2);
        }
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(areas, at, areas, at + 1, size - at);
        keys[at] = key;
        areas[at] = area;
        size++;
    }

    /** __find_vmap_area() then unlink_va(): the area starting exactly at key, removed; or null. */
    VmapArea remove(long key) {
        int at = search(key);
        if (at < 0) {
            return null;
        }
        VmapArea area = areas[at];
        System.arraycopy(keys, at + 1, keys, at, size - at - 1);
        System.arraycopy(areas, at + 1, areas, at, size - at - 1);
        size--;
        areas[size] = null;
        return area;
    }

    /** __find_vmap_area(): the area starting exactly at key, or null. */
    VmapArea find(long key) {
        int at = search(key);
        return at >= 0 ? areas[at] : null;
    }

    /** The area whose range [va_start, va_end) holds key, or null. */
    VmapArea containing(long key, long base) {
        int at = search(key);
        if (at < 0) {
            at = -at - 2;
        }
        if (at < 0) {
            return null;
        }
        VmapArea area = areas[at];
        return key < area.vaEnd - base ? area : null;
    }

    int size() {
        return size;
    }

    VmapArea get(int i) {
        return areas[i];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Drops every area (the lazy list handed over to the purge). */
    void clear() {
        Arrays.fill(areas, 0, size, null);
        size = 0;
    }

    private int search(long key) {
        return Arrays.binarySearch(keys, 0, size, key);
    }
}
