package io.mmspec.runtime.mm.vmscan;

/**
 * A struct list_head of folios linked through {@link LruLinks}: an LRU list of the lruvec, or a
 * reclaimer's private list. As in the kernel, list_add() puts a folio at the head (the most
 * recent end) and lru_to_folio() takes the tail (the oldest), so reclaim works from the tail.
 */
final class FolioList {
    private final LruLinks links;
    private long head = LruLinks.NONE;
    private long tail = LruLinks.NONE;
    private long entries;

    FolioList(LruLinks links) {
        this.links = links;
    }

    /** list_add(): at the head. */
    void addHead(long pfn) {
        links.setPrev(pfn, LruLinks.NONE);
        links.setNext(pfn, head);
        if (head == LruLinks.NONE) {
            tail = pfn;
        } else {
            links.setPrev(head, pfn);
        }
        head = pfn;
        entries++;
    }

    /** list_add_tail(). */
    void addTail(long pfn) {
        links.setNext(pfn, LruLinks.NONE);
        links.setPrev(pfn, tail);
        if (tail == LruLinks.NONE) {
            head = pfn;
        } else {
            links.setNext(tail, pfn);
        }
        tail = pfn;
        entries++;
    }

    /** list_del(). */
    void remove(long pfn) {
        long p = links.prev(pfn);
        long n = links.next(pfn);
        if (p == LruLinks.NONE) {
            head = n;
        } else {
            links.setNext(p, n);
        }
        if (n == LruLinks.NONE) {
            tail = p;
        } else {
            links.setPrev(n, p);
        }
        links.setNext(pfn, LruLinks.NONE);
        links.setPrev(pfn, LruLinks.NONE);
        entries--;
    }

    /** lru_to_folio(): the tail, or {@link LruLinks#NONE}. */
    long tail() {
        return tail;
    }

    long head() {
        return head;
    }

    /** Removes and returns the tail, or {@link LruLinks#NONE} if empty. */
    long pollTail() {
        long pfn = tail;
        if (pfn != LruLinks.NONE) {
            remove(pfn);
        }
        return pfn;
    }

    /** list_splice() of {@code other} (emptied) onto the head of this list, order kept. */
    void spliceAtHead(FolioList other) {
        for (long pfn = other.pollTail(); pfn != LruLinks.NONE; pfn = other.pollTail()) {
            addHead(pfn);
        }
    }

    boolean isEmpty() {
        return entries == 0;
    }

    /** Folios on the list (not pages: a large folio is one entry). */
    long entries() {
        return entries;
    }

    long next(long pfn) {
        return links.next(pfn);
    }

    long prev(long pfn) {
        return links.prev(pfn);
    }
}
