package io.mmspec.runtime.mm.slub;

import java.util.function.Consumer;

/**
 * A doubly linked list of slabs through their own links, like the kernel's list_head
 * slab_list: O(1) add at head or tail and O(1) removal, in a deterministic order.
 */
final class SlabList {
    private Slab head;
    private Slab tail;
    private int size;

    int size() {
        return size;
    }

    Slab first() {
        return head;
    }

    void addHead(Slab slab) {
        slab.prev = null;
        slab.nextSlab = head;
        if (head != null) {
            head.prev = slab;
        } else {
            tail = slab;
        }
        head = slab;
        size++;
    }

    void addTail(Slab slab) {
        slab.nextSlab = null;
        slab.prev = tail;
        if (tail != null) {
            tail.nextSlab = slab;
        } else {
            head = slab;
        }
        tail = slab;
        size++;
    }

    void remove(Slab slab) {
        if (slab.prev != null) {
            slab.prev.nextSlab = slab.nextSlab;
        } else {
            head = slab.nextSlab;
        }
        if (slab.nextSlab != null) {
            slab.nextSlab.prev = slab.prev;
        } else {
            tail = slab.prev;
        }
        slab.prev = null;
        slab.nextSlab = null;
        size--;
    }

    /** Visits every slab; the visitor may remove the slab it is given. */
    void forEach(Consumer<Slab> visitor) {
        Slab slab = head;
        while (slab != null) {
            Slab following = slab.nextSlab;
            visitor.accept(slab);
            slab = following;
        }
    }
}
