package io.mmspec.runtime.mm.pagealloc;

import java.util.Arrays;

/**
 * The struct pages of one SPARSEMEM section (128 MiB, 32768 pages) as primitive arrays, plus
 * the section's pageblock flags (the kernel keeps those in mem_section_usage). Allocated on
 * the first write into the section. Fields most pages never use (mapping, index, private,
 * mapcount, data) are allocated on their first non-default write.
 */
final class MemSection {
    static final int PAGES = MemMap.PAGES_PER_SECTION;
    static final int PAGEBLOCKS = PAGES >> PageAllocator.PAGEBLOCK_ORDER;

    final int[] flags = new int[PAGES];
    final int[] refcount = new int[PAGES];
    /** page_type: 0, or a PGTY_* value stored as a byte. */
    final byte[] pageType = new byte[PAGES];
    /** Buddy order of a free head, folio order of a compound head, COMPOUND_TAIL|order of a tail. */
    final byte[] order = new byte[PAGES];
    final byte[] pageblockMt = new byte[PAGEBLOCKS];

    int[] mapcount;
    Object[] mapping;
    long[] anonBits;
    long[] index;
    long[] pagePrivate;
    byte[][] data;

    MemSection() {
        Arrays.fill(pageblockMt, (byte) MigrateType.MOVABLE.ordinal());
    }

    int[] mapcountArray() {
        if (mapcount == null) {
            mapcount = new int[PAGES];
        }
        return mapcount;
    }

    Object[] mappingArray() {
        if (mapping == null) {
            mapping = new Object[PAGES];
            anonBits = new long[PAGES / Long.SIZE];
        }
        return mapping;
    }

    long[] indexArray() {
        if (index == null) {
            index = new long[PAGES];
        }
        return index;
    }

    long[] privateArray() {
        if (pagePrivate == null) {
            pagePrivate = new long[PAGES];
        }
        return pagePrivate;
    }

    byte[][] dataArray() {
        if (data == null) {
            data = new byte[PAGES][];
        }
        return data;
    }
}
