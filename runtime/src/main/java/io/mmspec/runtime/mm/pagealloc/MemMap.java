package io.mmspec.runtime.mm.pagealloc;

/**
 * Every physical page's struct page: flags, _refcount, mapcount, mapping, index, private, the
 * page type, the compound order, and the bytes written to the page. Mirrors
 * include/linux/mm_types.h (struct page) laid out as SPARSEMEM sections (mm/sparse.c).
 *
 * <pre>
 *   pfn = section &lt;&lt; 15 | offset        SECTION_SIZE_BITS 27: 128 MiB, 32768 pages
 *   section never written               every page is free, flags 0, refcount 0, no data,
 *                                       its pageblocks MOVABLE (the state boot leaves it in)
 * </pre>
 *
 * Reads never allocate; the first write into a section materialises its arrays. Page data is
 * sparse: a byte[4096] appears on the first non-zero write and clearPage() drops it.
 * Mapcount is a plain count (page_mapcount(): 0 when unmapped), not the kernel's -1-based
 * _mapcount. Refcount, flags, mapping and types of a page being freed must be clean, as
 * free_pages_prepare() demands; see {@link PageAllocator#freePages(long, int, int)}.
 */
public final class MemMap {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final int SECTION_SIZE_BITS = 27;
    public static final int PAGES_PER_SECTION = 1 << (SECTION_SIZE_BITS - PAGE_SHIFT);
    static final int SECTION_SHIFT = SECTION_SIZE_BITS - PAGE_SHIFT;
    static final int SECTION_MASK = PAGES_PER_SECTION - 1;
    /** Marks the order byte of a compound tail page; the low bits hold the folio order. */
    static final int COMPOUND_TAIL = 0x40;
    private static final int ORDER_MASK = 0x1f;

    private final long totalPages;
    private final MemSection[] sections;
    private final PristineBlocks pristine;
    private int materialised;

    MemMap(long totalPages, PristineBlocks pristine) {
        this.totalPages = totalPages;
        this.sections = new MemSection[(int) ((totalPages + PAGES_PER_SECTION - 1) >>> SECTION_SHIFT)];
        this.pristine = pristine;
    }

    /** Pages of RAM: valid pfns are 0 .. totalPages() - 1. */
    public long totalPages() {
        return totalPages;
    }

    /** Sections whose struct pages exist, i.e. that were ever written (cost follows work). */
    public int materialisedSections() {
        return materialised;
    }

    // ---- flags ---------------------------------------------------------------------------

    public int flags(long pfn) {
        MemSection s = read(pfn);
        return s == null ? 0 : s.flags[offset(pfn)];
    }

    public boolean testFlag(long pfn, int bit) {
        return (flags(pfn) & (1 << bit)) != 0;
    }

    public void setFlag(long pfn, int bit) {
        write(pfn).flags[offset(pfn)] |= 1 << bit;
    }

    public void clearFlag(long pfn, int bit) {
        if (testFlag(pfn, bit)) {
            write(pfn).flags[offset(pfn)] &= ~(1 << bit);
        }
    }

    /** TestSetPageFoo(): sets the bit and says whether it was already set. */
    public boolean testAndSetFlag(long pfn, int bit) {
        boolean was = testFlag(pfn, bit);
        setFlag(pfn, bit);
        return was;
    }

    /** TestClearPageFoo(): clears the bit and says whether it was set. */
    public boolean testAndClearFlag(long pfn, int bit) {
        boolean was = testFlag(pfn, bit);
        clearFlag(pfn, bit);
        return was;
    }

    // ---- counts ----------------------------------------------------------------------------

    public int refcount(long pfn) {
        MemSection s = read(pfn);
        return s == null ? 0 : s.refcount[offset(pfn)];
    }

    public void setRefcount(long pfn, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative refcount " + count + " for pfn " + pfn);
        }
        write(pfn).refcount[offset(pfn)] = count;
    }

    /** get_page(): returns the new count. */
    public int incRefcount(long pfn) {
        return ++write(pfn).refcount[offset(pfn)];
    }

    /** put_page_testzero() without the freeing: returns the new count; dropping below 0 is a bug. */
    public int decRefcount(long pfn) {
        int[] refcount = write(pfn).refcount;
        int i = offset(pfn);
        if (refcount[i] == 0) {
            throw new IllegalStateException("refcount underflow on pfn " + pfn);
        }
        return --refcount[i];
    }

    public int mapcount(long pfn) {
        MemSection s = read(pfn);
        return s == null || s.mapcount == null ? 0 : s.mapcount[offset(pfn)];
    }

    public int incMapcount(long pfn) {
        return ++write(pfn).mapcountArray()[offset(pfn)];
    }

    public int decMapcount(long pfn) {
        int[] mapcount = write(pfn).mapcountArray();
        int i = offset(pfn);
        if (mapcount[i] == 0) {
            throw new IllegalStateException("mapcount underflow on pfn " + pfn);
        }
        return --mapcount[i];
    }

    // ---- mapping, index, private -----------------------------------------------------------

    /** page->mapping: the anon_vma or address_space, opaque to the allocator; null if none. */
    public Object mapping(long pfn) {
        MemSection s = read(pfn);
        return s == null || s.mapping == null ? null : s.mapping[offset(pfn)];
    }

    /** folio_test_anon(): the mapping is an anon_vma (the kernel's PAGE_MAPPING_ANON bit). */
    public boolean isAnon(long pfn) {
        MemSection s = read(pfn);
        int i = offset(pfn);
        return s != null && s.anonBits != null && (s.anonBits[i >>> 6] & (1L << i)) != 0;
    }

    public void setMapping(long pfn, Object mapping, boolean anon) {
        MemSection s = write(pfn);
        int i = offset(pfn);
        s.mappingArray()[i] = mapping;
        if (anon && mapping != null) {
            s.anonBits[i >>> 6] |= 1L << i;
        } else {
            s.anonBits[i >>> 6] &= ~(1L << i);
        }
    }

    /** page->index: the page offset (pgoff) in its file or anonymous mapping. */
    public long index(long pfn) {
        MemSection s = read(pfn);
        return s == null || s.index == null ? 0 : s.index[offset(pfn)];
    }

    public void setIndex(long pfn, long index) {
        write(pfn).indexArray()[offset(pfn)] = index;
    }

    /** page->private: the swap entry of a swap-cache page, fs data of a page-cache page. */
    public long pagePrivate(long pfn) {
        MemSection s = read(pfn);
        return s == null || s.pagePrivate == null ? 0 : s.pagePrivate[offset(pfn)];
    }

    public void setPagePrivate(long pfn, long value) {
        write(pfn).privateArray()[offset(pfn)] = value;
    }

    // ---- page type, buddy, compound ----------------------------------------------------------

    /** page_type: a PGTY_* value, or 0. The head of a free block reads PGTY_buddy. */
    public int pageType(long pfn) {
        if (pristine.isHead(pfn)) {
            return PageFlags.PGTY_buddy;
        }
        MemSection s = read(pfn);
        return s == null ? 0 : s.pageType[offset(pfn)] & 0xff;
    }

    /** __SetPageTable() and friends. Buddy belongs to the allocator and cannot be set here. */
    public void setPageType(long pfn, int type) {
        if (type < PageFlags.PGTY_offline || type > PageFlags.PGTY_large_kmalloc) {
            throw new IllegalArgumentException("not a settable page type: 0x" + Integer.toHexString(type));
        }
        if (isFree(pfn)) {
            throw new IllegalStateException("pfn " + pfn + " is free: it cannot take a page type");
        }
        write(pfn).pageType[offset(pfn)] = (byte) type;
    }

    public void clearPageType(long pfn) {
        if (isBuddy(pfn)) {
            throw new IllegalStateException("pfn " + pfn + " is a free block: its type is the allocator's");
        }
        if (pageType(pfn) != 0) {
            write(pfn).pageType[offset(pfn)] = 0;
        }
    }

    /** PageBuddy(): the page heads a free block on a buddy free list. */
    public boolean isBuddy(long pfn) {
        return pageType(pfn) == PageFlags.PGTY_buddy;
    }

    /** buddy_order() of a free block's head, or -1 if the page is no such head. */
    public int buddyOrder(long pfn) {
        if (pristine.isHead(pfn)) {
            return PageAllocator.MAX_PAGE_ORDER;
        }
        MemSection s = read(pfn);
        int i = offset(pfn);
        return s != null && (s.pageType[i] & 0xff) == PageFlags.PGTY_buddy ? s.order[i] : -1;
    }

    /** is_free_buddy_page(): the page lies inside a free block of the buddy lists. */
    public boolean isFree(long pfn) {
        checkPfn(pfn);
        for (int order = 0; order <= PageAllocator.MAX_PAGE_ORDER; order++) {
            long head = pfn & -(1L << order);
            if (buddyOrder(head) >= order) {
                return true;
            }
        }
        return false;
    }

    /** PageHead(): the first page of a compound allocation (__GFP_COMP, order > 0). */
    public boolean isHead(long pfn) {
        return testFlag(pfn, PageFlags.PG_head);
    }

    /** PageTail(): a later page of a compound allocation. */
    public boolean isTail(long pfn) {
        MemSection s = read(pfn);
        return s != null && (s.order[offset(pfn)] & COMPOUND_TAIL) != 0;
    }

    /** compound_head(): the head of the page's folio, or the page itself. */
    public long compoundHead(long pfn) {
        MemSection s = read(pfn);
        int value = s == null ? 0 : s.order[offset(pfn)];
        return (value & COMPOUND_TAIL) == 0 ? pfn : pfn & -(1L << (value & ORDER_MASK));
    }

    /** folio_order() of a head page; 0 for an order-0 page. */
    public int folioOrder(long pfn) {
        return isHead(pfn) ? read(pfn).order[offset(pfn)] : 0;
    }

    /** get_pageblock_migratetype(). */
    public MigrateType pageblockMigratetype(long pfn) {
        return MigrateType.of(pageblockMt(pfn));
    }

    // ---- data (delegated to PageContents) ------------------------------------------------------

    public byte readByte(long pfn, int offset) {
        return PageContents.readByte(read(pfn), offset(pfn), offset);
    }

    public void writeByte(long pfn, int offset, byte value) {
        PageContents.checkRange(offset, 1);
        if (value != 0 || hasData(pfn)) {
            byte[][] data = write(pfn).dataArray();
            int i = offset(pfn);
            data[i] = PageContents.set(data[i], offset, value);
        }
    }

    public void readBytes(long pfn, int offset, byte[] dst, int dstOffset, int length) {
        PageContents.read(read(pfn), offset(pfn), offset, dst, dstOffset, length);
    }

    /** Writes a range inside one page; an all-zero write to a page without data stores nothing. */
    public void writeBytes(long pfn, int offset, byte[] src, int srcOffset, int length) {
        PageContents.checkRange(offset, length);
        if (hasData(pfn) || !PageContents.allZero(src, srcOffset, length)) {
            materialisedDataWrite(pfn, offset, src, srcOffset, length);
        }
    }

    /** copy_highpage(): dst gets src's bytes. */
    public void copyPage(long srcPfn, long dstPfn) {
        MemSection src = read(srcPfn);
        byte[] bytes = PageContents.page(src, offset(srcPfn));
        if (bytes == null) {
            clearPage(dstPfn);
        } else {
            write(dstPfn).dataArray()[offset(dstPfn)] = PageContents.copy(bytes);
        }
    }

    /** clear_highpage(): the page reads as zeros and holds no memory. */
    public void clearPage(long pfn) {
        MemSection s = read(pfn);
        if (s != null && s.data != null) {
            s.data[offset(pfn)] = null;
        }
    }

    /**
     * A copy of the page's bytes in the sparse form memory keeps them (null for a page that
     * holds nothing): what a device stores when the page is written out, at the cost of what
     * was written rather than 4 KB. Read it back with {@link #byteOf} or {@link #restore}.
     */
    public byte[] snapshot(long pfn) {
        byte[] bytes = PageContents.page(read(pfn), offset(pfn));
        return bytes == null || PageContents.isZero(bytes) ? null : PageContents.copy(bytes);
    }

    /** The page's bytes become those of {@code snapshot} (null: all zeros). */
    public void restore(long pfn, byte[] snapshot) {
        if (snapshot == null) {
            clearPage(pfn);
        } else {
            write(pfn).dataArray()[offset(pfn)] = PageContents.copy(snapshot);
        }
    }

    /** The byte at {@code offset} of a {@link #snapshot}. */
    public static byte byteOf(byte[] snapshot, int offset) {
        PageContents.checkRange(offset, 1);
        return snapshot == null ? 0 : PageContents.get(snapshot, offset);
    }

    /** The page holds a byte array (some byte was written non-zero since it was last cleared). */
    public boolean hasData(long pfn) {
        return PageContents.page(read(pfn), offset(pfn)) != null;
    }

    /**
     * The struct-page half of migrate_folio() for an order-0 page: data, mapping, index,
     * private and the flags folio_migrate_flags() and folio_migrate_mapping() carry over.
     * See {@link PageMigration} for what moves and what stays.
     */
    public void migratePageData(long srcPfn, long dstPfn) {
        PageMigration.migrate(this, srcPfn, dstPfn);
    }

    // ---- allocator internals -------------------------------------------------------------------

    /** page->flags &amp;= ~PAGE_FLAGS_CHECK_AT_PREP (every flag of this model). */
    void resetFlags(long pfn) {
        if (flags(pfn) != 0) {
            write(pfn).flags[offset(pfn)] = 0;
        }
    }

    void setBuddy(long pfn, int order) {
        MemSection s = write(pfn);
        int i = offset(pfn);
        s.pageType[i] = (byte) PageFlags.PGTY_buddy;
        s.order[i] = (byte) order;
    }

    void clearBuddy(long pfn) {
        MemSection s = write(pfn);
        int i = offset(pfn);
        s.pageType[i] = 0;
        s.order[i] = 0;
    }

    /** prep_compound_page(): PG_head and the order on the head, a pointer home on each tail. */
    void prepCompound(long pfn, int order) {
        setFlag(pfn, PageFlags.PG_head);
        write(pfn).order[offset(pfn)] = (byte) order;
        for (long tail = pfn + 1; tail < pfn + (1L << order); tail++) {
            write(tail).order[offset(tail)] = (byte) (COMPOUND_TAIL | order);
        }
    }

    /** clear_compound_head() and the head's order, as a compound page is freed. */
    void clearCompound(long pfn) {
        MemSection s = read(pfn);
        if (s != null) {
            s.order[offset(pfn)] = 0;
        }
    }

    int pageblockMt(long pfn) {
        MemSection s = read(pfn);
        return s == null ? MigrateType.MOVABLE.ordinal()
                : s.pageblockMt[offset(pfn) >>> PageAllocator.PAGEBLOCK_ORDER];
    }

    void setPageblockMt(long pfn, int mt) {
        write(pfn).pageblockMt[offset(pfn) >>> PageAllocator.PAGEBLOCK_ORDER] = (byte) mt;
    }

    /** The section's arrays, or null if it was never written. */
    MemSection section(int index) {
        return sections[index];
    }

    int sectionCount() {
        return sections.length;
    }

    MemSection read(long pfn) {
        checkPfn(pfn);
        return sections[(int) (pfn >>> SECTION_SHIFT)];
    }

    private MemSection write(long pfn) {
        checkPfn(pfn);
        int index = (int) (pfn >>> SECTION_SHIFT);
        MemSection s = sections[index];
        if (s == null) {
            s = new MemSection();
            sections[index] = s;
            materialised++;
        }
        return s;
    }

    private void materialisedDataWrite(long pfn, int offset, byte[] src, int srcOffset, int length) {
        System.arraycopy(src, srcOffset, pageBytes(pfn), offset, length);
    }

    /** The page's byte array, created on the first non-zero write. */
    private byte[] pageBytes(long pfn) {
        byte[][] data = write(pfn).dataArray();
        int i = offset(pfn);
        data[i] = data[i] == null ? new byte[PAGE_SIZE] : PageContents.expand(data[i]);
        return data[i];
    }

    static int offset(long pfn) {
        return (int) (pfn & SECTION_MASK);
    }

    private void checkPfn(long pfn) {
        if (pfn < 0 || pfn >= totalPages) {
            throw new IllegalArgumentException("pfn " + pfn + " is outside RAM (0.." + (totalPages - 1) + ")");
        }
    }
}
