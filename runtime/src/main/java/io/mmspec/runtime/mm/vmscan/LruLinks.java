package io.mmspec.runtime.mm.vmscan;

/**
 * folio->lru for every page: the links of the doubly linked lists a folio is on (an LRU list or
 * a reclaimer's private list), plus the folio's order. Kept per 128 MB section and created on
 * the first use of a section, like the struct pages themselves, so that cost follows the pages
 * that are actually on lists. Links hold pfn + 1, so 0 is "none" and a new array needs no fill.
 */
final class LruLinks {
    static final long NONE = -1;
    private static final int SHIFT = 15;
    private static final int MASK = (1 << SHIFT) - 1;

    private final long[][] next;
    private final long[][] prev;
    private final byte[][] order;

    LruLinks(long totalPages) {
        int sections = (int) ((totalPages + MASK) >>> SHIFT);
        next = new long[sections][];
        prev = new long[sections][];
        order = new byte[sections][];
    }

    long next(long pfn) {
        long[] s = next[(int) (pfn >>> SHIFT)];
        return s == null ? NONE : s[(int) (pfn & MASK)] - 1;
    }

    long prev(long pfn) {
        long[] s = prev[(int) (pfn >>> SHIFT)];
        return s == null ? NONE : s[(int) (pfn & MASK)] - 1;
    }

    void setNext(long pfn, long to) {
        section(pfn);
        next[(int) (pfn >>> SHIFT)][(int) (pfn & MASK)] = to + 1;
    }

    void setPrev(long pfn, long to) {
        section(pfn);
        prev[(int) (pfn >>> SHIFT)][(int) (pfn & MASK)] = to + 1;
    }

    /** folio_order() as the LRU knows it (a THP here is a non-compound order-9 block). */
    int order(long pfn) {
        byte[] s = order[(int) (pfn >>> SHIFT)];
        return s == null ? 0 : s[(int) (pfn & MASK)];
    }

    void setOrder(long pfn, int value) {
        section(pfn);
        order[(int) (pfn >>> SHIFT)][(int) (pfn & MASK)] = (byte) value;
    }

    private void section(long pfn) {
        int s = (int) (pfn >>> SHIFT);
        if (next[s] == null) {
            next[s] = new long[MASK + 1];
            prev[s] = new long[MASK + 1];
            order[s] = new byte[MASK + 1];
        }
    }
}
