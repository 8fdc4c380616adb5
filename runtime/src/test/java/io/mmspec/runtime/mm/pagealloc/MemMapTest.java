package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.GB;
import static io.mmspec.runtime.mm.pagealloc.Machines.MB;
import static io.mmspec.runtime.mm.pagealloc.PageFlags.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemMapTest {
    private final PageAllocator a = Machines.boot(1 * GB, 2);
    private final MemMap map = a.memMap();

    @Test
    void keepsPageDataSparsely() {
        long pfn = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        assertThat(map.hasData(pfn)).isFalse();
        map.writeByte(pfn, 100, (byte) 0);
        assertThat(map.hasData(pfn)).as("a zero write stores nothing").isFalse();
        map.writeByte(pfn, 4095, (byte) 'A');
        assertThat(map.hasData(pfn)).isTrue();
        assertThat(map.readByte(pfn, 4095)).isEqualTo((byte) 'A');
        assertThat(map.readByte(pfn, 0)).isZero();

        map.writeBytes(pfn, 10, "hello".getBytes(), 0, 5);
        byte[] out = new byte[5];
        map.readBytes(pfn, 10, out, 0, 5);
        assertThat(new String(out)).isEqualTo("hello");

        long copy = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        map.copyPage(pfn, copy);
        assertThat(map.readByte(copy, 4095)).isEqualTo((byte) 'A');
        map.clearPage(pfn);
        assertThat(map.hasData(pfn)).isFalse();
        assertThat(map.readByte(pfn, 4095)).isZero();
        assertThat(map.readByte(copy, 4095)).as("the copy is its own").isEqualTo((byte) 'A');
        assertThatThrownBy(() -> map.readBytes(pfn, 4090, out, 0, 7)).hasMessageContaining("not inside one");
    }

    @Test
    void readsNeverMaterialiseASection() {
        int before = map.materialisedSections();
        long untouched = 6L << MemMap.SECTION_SHIFT;
        assertThat(map.readByte(untouched, 0)).isZero();
        assertThat(map.flags(untouched)).isZero();
        assertThat(map.isFree(untouched + 5)).isTrue();
        assertThat(map.isBuddy(untouched)).as("head of a pristine order-10 block").isTrue();
        assertThat(map.buddyOrder(untouched)).isEqualTo(10);
        assertThat(map.pageblockMigratetype(untouched)).isEqualTo(MigrateType.MOVABLE);
        map.writeByte(untouched + 1, 7, (byte) 0);
        assertThat(map.materialisedSections()).isEqualTo(before);
    }

    @Test
    void tracksFlagsCountsAndMapping() {
        long pfn = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        assertThat(map.refcount(pfn)).isEqualTo(1);
        assertThat(map.testAndSetFlag(pfn, PG_referenced)).isFalse();
        assertThat(map.testAndSetFlag(pfn, PG_referenced)).isTrue();
        map.setFlag(pfn, PG_uptodate);
        assertThat(PageFlags.format(map.flags(pfn))).isEqualTo("referenced|uptodate");
        assertThat(map.incRefcount(pfn)).isEqualTo(2);
        assertThat(map.decRefcount(pfn)).isEqualTo(1);
        assertThat(map.incMapcount(pfn)).isEqualTo(1);
        Object anonVma = new Object();
        map.setMapping(pfn, anonVma, true);
        map.setIndex(pfn, 0x7f000L);
        map.setPagePrivate(pfn, 42);
        assertThat(map.mapping(pfn)).isSameAs(anonVma);
        assertThat(map.isAnon(pfn)).isTrue();
        assertThat(map.index(pfn)).isEqualTo(0x7f000L);
        assertThat(map.pagePrivate(pfn)).isEqualTo(42);
        assertThat(map.decMapcount(pfn)).isZero();
        assertThatThrownBy(() -> map.decMapcount(pfn)).hasMessageContaining("mapcount underflow");
    }

    @Test
    void pageTypesExcludeTheAllocatorsBuddyType() {
        long pfn = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        map.setPageType(pfn, PGTY_table);
        assertThat(map.pageType(pfn)).isEqualTo(PGTY_table);
        assertThatThrownBy(() -> map.setPageType(pfn, PGTY_buddy)).isInstanceOf(IllegalArgumentException.class);
        long free = 7L << MemMap.SECTION_SHIFT;
        assertThatThrownBy(() -> map.setPageType(free, PGTY_slab)).hasMessageContaining("is free");
        // a page table page is freed like any other: its type is reset
        a.freePages(pfn, 0, 0);
        assertThat(map.pageType(pfn)).isZero();
    }

    @Test
    void describesCompoundPages() {
        long head = a.allocPages(2, Gfp.GFP_KERNEL.or(Gfp.__GFP_COMP), 0);
        assertThat(map.isHead(head)).isTrue();
        assertThat(map.folioOrder(head)).isEqualTo(2);
        assertThat(map.isTail(head + 3)).isTrue();
        assertThat(map.compoundHead(head + 3)).isEqualTo(head);
        assertThat(map.compoundHead(head)).isEqualTo(head);
        long plain = a.allocPages(2, Gfp.GFP_KERNEL, 0);
        assertThat(map.isHead(plain)).isFalse();
        assertThat(map.compoundHead(plain + 1)).isEqualTo(plain + 1);
    }

    @Test
    void migratesDataFlagsMappingAndIndex() {
        long src = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        long dst = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        Object anonVma = new Object();
        map.writeByte(src, 9, (byte) 0x5a);
        map.setMapping(src, anonVma, true);
        map.setIndex(src, 77);
        for (int bit : new int[] {PG_referenced, PG_uptodate, PG_dirty, PG_active, PG_swapbacked, PG_lru}) {
            map.setFlag(src, bit);
        }
        map.migratePageData(src, dst);
        assertThat(map.readByte(dst, 9)).isEqualTo((byte) 0x5a);
        assertThat(map.mapping(dst)).isSameAs(anonVma);
        assertThat(map.isAnon(dst)).isTrue();
        assertThat(map.index(dst)).isEqualTo(77);
        // PG_lru is the caller's (it put the new page on the LRU); PG_active moves over
        assertThat(PageFlags.format(map.flags(dst))).isEqualTo("referenced|uptodate|dirty|active|swapbacked");
        assertThat(PageFlags.format(map.flags(src))).isEqualTo("referenced|uptodate|dirty|lru|swapbacked");
    }

    @Test
    void refusesPfnsOutsideRam() {
        PageAllocator small = Machines.boot(64 * MB, 1);
        assertThatThrownBy(() -> small.memMap().flags(16384)).hasMessageContaining("outside RAM");
        assertThatThrownBy(() -> small.memMap().readByte(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
