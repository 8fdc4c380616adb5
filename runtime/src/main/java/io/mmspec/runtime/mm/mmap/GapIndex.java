package io.mmspec.runtime.mm.mmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The free holes of an address space, indexed so that vm_unmapped_area() finds the highest (or
 * lowest) hole of a given size without walking every VMA. The kernel gets this from the maple
 * tree's gap tracking (mas_empty_area_rev); here the holes sit in one tree by address and in
 * 64 trees by size class (floor(log2(size))): every hole in a class above the request's fits,
 * so a search looks at one candidate per class and scans only the request's own class.
 *
 * <pre>
 *   VMAs:   [AAA)     [BB)  [CCCC)
 *   holes: [0  )[    )[  )[)      [ ... ceiling)
 * </pre>
 */
final class GapIndex {
    private final TreeMap<Long, Long> holes = new TreeMap<>();
    @SuppressWarnings("unchecked")
    private final TreeMap<Long, Long>[] bySize = new TreeMap[64];
    private final long ceiling;

    GapIndex(long ceiling) {
        this.ceiling = ceiling;
        for (int i = 0; i < bySize.length; i++) {
            bySize[i] = new TreeMap<>();
        }
        addHole(0, ceiling);
    }

    /** A VMA now covers [start, end): it must lie inside one hole. */
    void occupy(long start, long end) {
        Map.Entry<Long, Long> hole = holes.floorEntry(start);
        if (hole == null || hole.getValue() < end) {
            throw new IllegalStateException(
                    String.format("no hole holds %#x-%#x", start, end));
        }
        long holeStart = hole.getKey();
        long holeEnd = hole.getValue();
        removeHole(holeStart, holeEnd);
        addHole(holeStart, start);
        addHole(end, holeEnd);
    }

    /** The VMA at [start, end) is gone: its range joins the holes around it. */
    void release(long start, long end) {
        long newStart = start;
        long newEnd = end;
        Map.Entry<Long, Long> before = holes.floorEntry(start);
        if (before != null && before.getValue() == start) {
            newStart = before.getKey();
            removeHole(before.getKey(), before.getValue());
        }
        Long afterEnd = holes.get(end);
        if (afterEnd != null) {
            newEnd = afterEnd;
            removeHole(end, afterEnd);
        }
        addHole(newStart, newEnd);
    }

    /** The highest [start, end) of free space inside [low, high) at least {@code length} long. */
    long[] highest(long low, long high, long length) {
        long[] best = null;
        for (int size = sizeClass(length); size < bySize.length; size++) {
            Map.Entry<Long, Long> hole = bySize[size].lowerEntry(high);
            while (hole != null && hole.getValue() > low) {
                long start = Math.max(hole.getKey(), low);
                long end = Math.min(hole.getValue(), high);
                if (end - start >= length) {
                    if (best == null || end > best[1]) {
                        best = new long[] {start, end};
                    }
                    break;
                }
                hole = bySize[size].lowerEntry(hole.getKey());
            }
        }
        return best;
    }

    /** The lowest [start, end) of free space inside [low, high) at least {@code length} long. */
    long[] lowest(long low, long high, long length) {
        long[] best = null;
        for (int size = sizeClass(length); size < bySize.length; size++) {
            Map.Entry<Long, Long> hole = bySize[size].floorEntry(low);
            if (hole == null || hole.getValue() <= low) {
                hole = bySize[size].higherEntry(low);
            }
            while (hole != null && hole.getKey() < high) {
                long start = Math.max(hole.getKey(), low);
                long end = Math.min(hole.getValue(), high);
                if (end - start >= length) {
                    if (best == null || start < best[0]) {
                        best = new long[] {start, end};
                    }
                    break;
                }
                hole = bySize[size].higherEntry(hole.getKey());
            }
        }
        return best;
    }

    /** Recounts the holes as the complement of {@code vmas} (sorted) and compares. */
    void check(Iterable<Vma> vmas) {
        List<long[]> expected = new ArrayList<>();
        long cursor = 0;
        for (Vma vma : vmas) {
            if (vma.start() > cursor) {
                expected.add(new long[] {cursor, vma.start()});
            }
            cursor = vma.end();
        }
        if (cursor < ceiling) {
            expected.add(new long[] {cursor, ceiling});
        }
        int total = 0;
        for (TreeMap<Long, Long> tree : bySize) {
            total += tree.size();
        }
        if (expected.size() != holes.size() || total != holes.size()) {
            throw new IllegalStateException("gap index has " + holes.size() + " holes ("
                    + total + " by size), the VMAs leave " + expected.size());
        }
        for (long[] hole : expected) {
            Long end = holes.get(hole[0]);
            if (end == null || end != hole[1]
                    || !Long.valueOf(hole[1]).equals(bySize[sizeClass(hole[1] - hole[0])].get(hole[0]))) {
                throw new IllegalStateException(
                        String.format("gap index misses hole %#x-%#x", hole[0], hole[1]));
            }
        }
    }

    private void addHole(long start, long end) {
        if (end > start) {
            holes.put(start, end);
            bySize[sizeClass(end - start)].put(start, end);
        }
    }

    private void removeHole(long start, long end) {
        holes.remove(start);
        bySize[sizeClass(end - start)].remove(start);
    }

    private static int sizeClass(long size) {
        return 63 - Long.numberOfLeadingZeros(size);
    }
}
