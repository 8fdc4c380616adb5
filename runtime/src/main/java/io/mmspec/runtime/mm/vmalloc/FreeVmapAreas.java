package io.mmspec.runtime.mm.vmalloc;

import java.util.Map;
import java.util.TreeMap;

/**
 * The free space of the vmalloc range: mirrors free_vmap_area_root/free_vmap_area_list of
 * mm/vmalloc.c with __alloc_vmap_area(), adjust_va_to_fit_type() and
 * merge_or_add_vmap_area(). Addresses are offsets from VMALLOC_START, so they stay positive
 * and signed comparison is address order.
 *
 * <pre>
 *   free:  [0 ........ 10M+4K)  busy  [10M+4K ........................ 32T-1)
 *   alloc 8K, align 4K -> lowest block that holds it: the right remainder stays free
 *          [10M+4K 10M+12K) busy      [10M+12K .......................... 32T-1)
 * </pre>
 *
 * The kernel finds the lowest fitting block through an rbtree augmented with the largest
 * free size below each node (find_vmap_lowest_match); this walks the blocks in address order,
 * which is the kernel's own reference search (find_vmap_lowest_linear_match) and gives the
 * same block whenever the alignment is one page.
 */
final class FreeVmapAreas {
    /** Free blocks: start offset -> end offset (exclusive), never empty, never adjacent. */
    private final TreeMap<Long, Long> blocks = new TreeMap<>();

    /** vmap_init_free_space(): one block over the whole range [0, limit). */
    FreeVmapAreas(long limit) {
        blocks.put(0L, limit);
    }

    /**
     * __alloc_vmap_area(): the lowest address of a block that holds {@code size} bytes at
     * {@code align}, cut out of the free space; -1 when no block fits (the overflow path).
     */
    long alloc(long size, long align) {
        for (Map.Entry<Long, Long> block : blocks.entrySet()) {
            long start = alignUp(block.getKey(), align);
            if (start + size <= block.getValue()) {
                fitInto(block.getKey(), block.getValue(), start, size);
                return start;
            }
        }
        return -1;
    }

    /** adjust_va_to_fit_type(): FL_FIT_TYPE, LE/RE_FIT_TYPE or NE_FIT_TYPE (a split in two). */
    private void fitInto(long blockStart, long blockEnd, long start, long size) {
        blocks.remove(blockStart);
        if (blockStart < start) {
            blocks.put(blockStart, start);
        }
        if (start + size < blockEnd) {
            blocks.put(start + size, blockEnd);
        }
    }

    /** merge_or_add_vmap_area(): gives [start, end) back, merged with free neighbours. */
    void free(long start, long end) {
        Map.Entry<Long, Long> prev = blocks.floorEntry(start);
        Map.Entry<Long, Long> next = blocks.ceilingEntry(start);
        if ((prev != null && prev.getValue() > start) || (next != null && next.getKey() < end)) {
            throw new IllegalStateException(String.format(
                    "freeing vmap range +0x%x-+0x%x that overlaps free space", start, end));
        }
        long newStart = start;
        long newEnd = end;
        if (prev != null && prev.getValue() == start) {
            newStart = prev.getKey();
        }
        if (next != null && next.getKey() == end) {
            newEnd = blocks.remove(next.getKey());
        }
        blocks.put(newStart, newEnd);
    }

    /** Free bytes in the range. */
    long freeBytes() {
        long total = 0;
        for (Map.Entry<Long, Long> block : blocks.entrySet()) {
            total += block.getValue() - block.getKey();
        }
        return total;
    }

    int blockCount() {
        return blocks.size();
    }

    /** Free blocks as start, end pairs in address order (for the overlap check). */
    long[] ranges() {
        long[] out = new long[blocks.size() * 2];
        int i = 0;
        for (Map.Entry<Long, Long> block : blocks.entrySet()) {
            out[i++] = block.getKey();
            out[i++] = block.getValue();
        }
        return out;
    }

    /** Blocks are non-empty, ordered, and never touch (merging would have joined them). */
    void checkInvariants() {
        long lastEnd = -1;
        for (Map.Entry<Long, Long> block : blocks.entrySet()) {
            if (block.getValue() <= block.getKey()) {
                throw new IllegalStateException("empty free vmap block at +0x" + Long.toHexString(block.getKey()));
            }
            if (block.getKey() <= lastEnd) {
                throw new IllegalStateException("free vmap blocks touch or overlap at +0x"
                        + Long.toHexString(block.getKey()) + " (merge_or_add_vmap_area missed a merge)");
            }
            lastEnd = block.getValue();
        }
    }

    static long alignUp(long value, long align) {
        return (value + align - 1) & -align;
    }
}
