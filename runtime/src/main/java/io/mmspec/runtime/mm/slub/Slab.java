package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.MemMap;

/**
 * One slab: a compound page of 2^order pages cut into objects. Mirrors struct slab of
 * mm/slab.h: slab_cache, freelist, inuse, objects, frozen, and the slab_list links.
 *
 * <p>The free pointers the kernel keeps inside free objects are the {@link #next} array here:
 * both the slab's own freelist and, while the slab is a CPU slab, that CPU's lockless freelist
 * are chains through it. Object bytes live in the slab's pages (MemMap data), so what a kernel
 * writes is what it reads back, and debug red zones and poison sit where the kernel puts them.
 */
final class Slab {
    static final int NONE = -1;
    static final long DIRECT_MAP = 0xffff888000000000L;
    static final long VMEMMAP = 0xffffea0000000000L;
    static final int STRUCT_PAGE_SIZE = 64;

    final KmemCache cache;
    final long pfn;
    final int order;
    final int objects;
    final int node;
    /** Objects not on {@link #freelist} (those on a CPU freelist count as in use, as in the kernel). */
    int inuse;
    int freelist = NONE;
    final int[] next;
    /** Simulator bookkeeping: which objects a caller holds, for double-free checks and invariants. */
    final boolean[] allocated;
    /** The kmalloc request size of each object (slub_debug orig_size), or null. */
    final int[] origSize;
    /** The CPU whose active slab this is (kernel: frozen), or -1. */
    int frozenBy = NONE;
    /** On a CPU partial list: that CPU, else -1. */
    int cpuPartialOf = NONE;
    /** On the node partial list (slab_test_node_partial()). */
    boolean onNodePartial;
    /** Counted in the node's nr_slabs and total_objects (inc_slabs_node()). */
    boolean counted;
    /** Disabled after a failed consistency check (alloc_debug_processing() "Marking all objects used"). */
    boolean disabled;
    Slab prev;
    Slab nextSlab;

    /** One object: its slab and index. */
    record Ref(Slab slab, int index) {
        long address() {
            return slab.objectAddress(index);
        }
    }

    Slab(KmemCache cache, long pfn, int order, int objects, int node, boolean keepOrigSize) {
        this.cache = cache;
        this.pfn = pfn;
        this.order = order;
        this.objects = objects;
        this.node = node;
        this.next = new int[objects];
        this.allocated = new boolean[objects];
        this.origSize = keepOrigSize ? new int[objects] : null;
        for (int i = objects - 1; i >= 0; i--) { // freelist in address order, as without shuffling
            next[i] = freelist;
            freelist = i;
        }
    }

    long baseAddress() {
        return DIRECT_MAP + (pfn << MemMap.PAGE_SHIFT);
    }

    int bytes() {
        return MemMap.PAGE_SIZE << order;
    }

    /** The byte offset of object {@code index} inside the slab (past its left red zone). */
    int objectOffset(int index) {
        return index * cache.layout.size() + cache.layout.redLeftPad();
    }

    long objectAddress(int index) {
        return baseAddress() + objectOffset(index);
    }

    /** The object an address points into the start of, or NONE when it is not an object start. */
    int indexOf(long addr) {
        long off = addr - baseAddress() - cache.layout.redLeftPad();
        if (off < 0 || off % cache.layout.size() != 0 || off / cache.layout.size() >= objects) {
            return NONE;
        }
        return (int) (off / cache.layout.size());
    }

    /** The struct slab address as the kernel prints it (the head struct page in vmemmap). */
    long slabPointer() {
        return VMEMMAP + pfn * STRUCT_PAGE_SIZE;
    }

    /** The address the freelist pointer holds, 0 for NULL. */
    long freePointerAddress(int index) {
        return index == NONE ? 0 : objectAddress(index);
    }

    int freeCount() {
        int n = 0;
        for (int i = freelist; i != NONE; i = next[i]) {
            n++;
        }
        return n;
    }

    boolean onFreelist(int index) {
        for (int i = freelist; i != NONE; i = next[i]) {
            if (i == index) {
                return true;
            }
        }
        return false;
    }

    // ---- bytes of the slab (they may cross pages) ------------------------------------------

    void read(MemMap map, int off, byte[] dst, int dstOff, int len) {
        while (len > 0) {
            int inPage = off & (MemMap.PAGE_SIZE - 1);
            int n = Math.min(len, MemMap.PAGE_SIZE - inPage);
            map.readBytes(pfn + (off >>> MemMap.PAGE_SHIFT), inPage, dst, dstOff, n);
            off += n;
            dstOff += n;
            len -= n;
        }
    }

    void write(MemMap map, int off, byte[] src, int srcOff, int len) {
        while (len > 0) {
            int inPage = off & (MemMap.PAGE_SIZE - 1);
            int n = Math.min(len, MemMap.PAGE_SIZE - inPage);
            map.writeBytes(pfn + (off >>> MemMap.PAGE_SHIFT), inPage, src, srcOff, n);
            off += n;
            srcOff += n;
            len -= n;
        }
    }

    void fill(MemMap map, int off, int value, int len) {
        if (len <= 0) {
            return;
        }
        byte[] bytes = new byte[len];
        java.util.Arrays.fill(bytes, (byte) value);
        write(map, off, bytes, 0, len);
    }

    byte[] read(MemMap map, int off, int len) {
        byte[] bytes = new byte[len];
        read(map, off, bytes, 0, len);
        return bytes;
    }
}
