package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;

import java.util.Set;

/**
 * Where everything of one object lies, and how many objects a slab holds. Mirrors mm/slub.c:
 * calculate_sizes(), calculate_order(), calc_slab_order(), order_objects(), and
 * mm/slab_common.c: calculate_alignment().
 *
 * <pre>
 *   slab_address                                                        one object is s-&gt;size
 *   |[red_left_pad][object_size ....][right redzone][fp][track A][track F][orig][pad] ...
 *                  ^ object address  ^ object_size  ^ inuse (fp outside the object when
 *                                                     POISON/RED_ZONE of a tiny object/RCU)
 * </pre>
 *
 * Without debug flags the free pointer lives inside the object (near its middle) and size is
 * object_size rounded to the word and the alignment.
 *
 * @param objectSize the size the cache was created with
 * @param size       the stride from object to object (s-&gt;size)
 * @param align      s-&gt;align
 * @param inuse      end of object plus right red zone (s-&gt;inuse)
 * @param offset     where the free pointer is (s-&gt;offset)
 * @param redLeftPad bytes of left red zone in front of each object
 * @param objectPoison __OBJECT_POISON: the object itself is poisoned while free
 * @param order      oo_order(s-&gt;oo)
 * @param objects    oo_objects(s-&gt;oo)
 * @param minOrder   oo_order(s-&gt;min), the fallback order when the preferred one fails
 */
record CacheLayout(int objectSize, int size, int align, int inuse, int offset, int redLeftPad,
                   boolean objectPoison, int order, int objects, int minOrder) {
    static final int WORD = 8;
    static final int CACHE_LINE = 64;
    /** struct track with CONFIG_STACKDEPOT: addr, handle, cpu, pid, when = 32 bytes. */
    static final int TRACK_SIZE = 32;
    /** The kmalloc request size kept after the tracks (an unsigned int in 6.18). */
    static final int ORIG_SIZE_SIZE = 4;
    static final int MAX_OBJS_PER_PAGE = 32767;

    /** calculate_alignment(). */
    static int calculateAlignment(Set<SlabFlag> flags, int align, int size) {
        if (flags.contains(SlabFlag.SLAB_HWCACHE_ALIGN)) {
            int ralign = CACHE_LINE;
            while (size <= ralign / 2) {
                ralign /= 2;
            }
            align = Math.max(align, ralign);
        }
        align = Math.max(align, WORD); // arch_slab_minalign() is 8 on x86-64
        return alignUp(align, WORD);
    }

    /** calculate_sizes() for a cache with these (debug-expanded) flags and no constructor. */
    static CacheLayout compute(int objectSize, int align, Set<SlabFlag> flags, SlubConfig config) {
        int size = alignUp(objectSize, WORD);
        boolean redZone = flags.contains(SlabFlag.SLAB_RED_ZONE);
        boolean poison = flags.contains(SlabFlag.SLAB_POISON);
        boolean objectPoison = poison && !flags.contains(SlabFlag.SLAB_TYPESAFE_BY_RCU);
        if (redZone && size == objectSize) {
            size += WORD; // room for a right red zone
        }
        int inuse = size;
        int offset;
        boolean origSize = flags.contains(SlabFlag.SLAB_STORE_USER) && flags.contains(SlabFlag.SLAB_KMALLOC);
        if (flags.contains(SlabFlag.SLAB_TYPESAFE_BY_RCU) || poison
                || redZone && (objectSize < WORD || origSize)) {
            offset = size; // the free pointer may not overwrite the object
            size += WORD;
        } else {
            offset = alignDown(objectSize / 2, WORD);
        }
        if (flags.contains(SlabFlag.SLAB_STORE_USER)) {
            size += 2 * TRACK_SIZE;
            if (origSize) {
                size += ORIG_SIZE_SIZE;
            }
        }
        int redLeftPad = 0;
        if (redZone) {
            size += WORD; // catches overwrites from the object before
            redLeftPad = alignUp(WORD, align);
            size += redLeftPad;
        }
        size = alignUp(size, align);
        int order = calculateOrder(size, config);
        int objects = orderObjects(order, size);
        return new CacheLayout(objectSize, size, align, inuse, offset, redLeftPad, objectPoison, order,
                objects, PageAllocator.getOrder(size));
    }

    /** calculate_order(): the smallest order that wastes little and holds min_objects. */
    static int calculateOrder(int size, SlubConfig config) {
        int minObjects = config.slubMinObjects();
        if (minObjects == 0) {
            minObjects = 4 * (fls(config.cpus()) + 1);
        }
        int maxObjects = Math.max(orderObjects(config.slubMaxOrder(), size), 1);
        minObjects = Math.min(minObjects, maxObjects);
        int minOrder = PageAllocator.getOrder((long) minObjects * size);
        if (orderObjects(minOrder, size) > MAX_OBJS_PER_PAGE) {
            return PageAllocator.getOrder((long) size * MAX_OBJS_PER_PAGE) - 1;
        }
        for (int fraction = 16; fraction > 1; fraction /= 2) {
            int order = calcSlabOrder(size, minOrder, config.slubMaxOrder(), fraction);
            if (order <= config.slubMaxOrder()) {
                return order;
            }
        }
        int order = PageAllocator.getOrder(size);
        if (order > PageAllocator.MAX_PAGE_ORDER) {
            throw new IllegalArgumentException("object of " + size + " bytes fits no slab (-ENOSYS)");
        }
        return order;
    }

    /** calc_slab_order(): the first order from minOrder whose leftover is at most 1/fraction. */
    static int calcSlabOrder(int size, int minOrder, int maxOrder, int fraction) {
        int order;
        for (order = minOrder; order <= maxOrder; order++) {
            int slabSize = MemMap.PAGE_SIZE << order;
            if (slabSize % size <= slabSize / fraction) {
                break;
            }
        }
        return order;
    }

    static int orderObjects(int order, int size) {
        return (MemMap.PAGE_SIZE << order) / size;
    }

    /** Bytes at the end of each slab no object uses (filled with 0x5a under slub_debug=P). */
    int leftover() {
        return (MemMap.PAGE_SIZE << order) - objects * size;
    }

    /** get_info_end(): where the metadata after the object starts. */
    int infoEnd() {
        return offset >= inuse ? inuse + WORD : inuse;
    }

    /** size_from_object(). */
    int sizeFromObject() {
        return size - redLeftPad;
    }

    /** fls(): the 1-based index of the highest set bit, 0 for 0. */
    static int fls(int x) {
        return 32 - Integer.numberOfLeadingZeros(x);
    }

    static int alignUp(int value, int align) {
        return (value + align - 1) / align * align;
    }

    static int alignDown(int value, int align) {
        return value / align * align;
    }
}
