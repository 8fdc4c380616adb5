package io.mmspec.runtime.mm.pagealloc;

/** A growable ring buffer of longs: a per-CPU page list without a node per page. */
final class LongDeque {
    private long[] items = new long[8];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** list_add(): the new entry becomes the first. */
    void addFirst(long value) {
        ensureRoom();
        head = (head - 1) & (items.length - 1);
        items[head] = value;
        size++;
    }

    /** list_add_tail(). */
    void addLast(long value) {
        ensureRoom();
        items[(head + size) & (items.length - 1)] = value;
        size++;
    }

    long pollFirst() {
        checkNotEmpty();
        long value = items[head];
        head = (head + 1) & (items.length - 1);
        size--;
        return value;
    }

    long pollLast() {
        checkNotEmpty();
        size--;
        return items[(head + size) & (items.length - 1)];
    }

    /** The i-th entry from the first. */
    long get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return items[(head + i) & (items.length - 1)];
    }

    private void ensureRoom() {
        if (size < items.length) {
            return;
        }
        long[] bigger = new long[items.length * 2];
        for (int i = 0; i < size; i++) {
            bigger[i] = items[(head + i) & (items.length - 1)];
        }
        items = bigger;
        head = 0;
    }

    private void checkNotEmpty() {
        if (size == 0) {
            throw new IllegalStateException("empty list");
        }
    }
}
