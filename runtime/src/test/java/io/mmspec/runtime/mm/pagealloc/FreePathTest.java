package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.MB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** __free_pages(), folio_put() and free_pages_prepare()'s checks. */
class FreePathTest {
    private final PageAllocator a = Machines.boot(64 * MB, 1);
    private final MemMap map = a.memMap();

    @Test
    void refusesToFreeAPageThatIsStillMappedOrOnTheLru() {
        long mapped = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        map.incMapcount(mapped);
        assertThatThrownBy(() -> a.freePages(mapped, 0, 0)).hasMessageContaining("Bad page state")
                .hasMessageContaining("nonzero mapcount");

        long onLru = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        map.setFlag(onLru, PageFlags.PG_lru);
        assertThatThrownBy(() -> a.freePages(onLru, 0, 0)).hasMessageContaining("lru");

        long inCache = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        map.setMapping(inCache, "address_space", false);
        assertThatThrownBy(() -> a.freePages(inCache, 0, 0)).hasMessageContaining("non-NULL mapping");
    }

    @Test
    void refusesADoubleFree() {
        long pfn = a.allocPages(3, Gfp.GFP_KERNEL, 0);
        a.freePages(pfn, 3, 0);
        assertThatThrownBy(() -> a.freePages(pfn, 3, 0)).hasMessageContaining("refcount 0");
    }

    @Test
    void clearsAnAnonymousMappingAndZeroesThePageOnFree() {
        long pfn = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        map.setMapping(pfn, new Object(), true);
        map.writeByte(pfn, 0, (byte) 1);
        map.setFlag(pfn, PageFlags.PG_dirty);
        assertThat(a.freePages(pfn, 0, 0)).isTrue();
        assertThat(map.mapping(pfn)).isNull();
        assertThat(map.hasData(pfn)).isFalse();
        assertThat(map.flags(pfn)).isZero();
        // __GFP_ZERO gets the page back clear (it was zeroed on free: init_on_free)
        long again = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE.or(Gfp.__GFP_ZERO), 0);
        assertThat(again).isEqualTo(pfn);
        assertThat(map.readByte(again, 0)).isZero();
        a.checkInvariants();
    }

    @Test
    void countsMlockedPagesClearedAtFree() {
        long pfn = a.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, 0);
        map.setFlag(pfn, PageFlags.PG_mlocked);
        a.freePages(pfn, 0, 0);
        assertThat(a.counter("unevictable_pgs_cleared")).isEqualTo(1);
    }

    @Test
    void freesTheRestOfANonCompoundBlockWhileItsFirstPageIsStillHeld() {
        long pfn = a.allocPages(2, Gfp.GFP_KERNEL, 0);
        map.incRefcount(pfn);                     // a speculative reference on the first page
        assertThat(a.freePages(pfn, 2, 0)).isFalse();
        a.drainAllPages();
        // order 1 at pfn+2 and order 0 at pfn+1 went back; pfn itself is still held
        assertThat(map.isFree(pfn)).isFalse();
        assertThat(map.isFree(pfn + 1)).isTrue();
        assertThat(map.isFree(pfn + 2)).isTrue();
        assertThat(map.isFree(pfn + 3)).isTrue();
        assertThat(a.freePages(pfn, 0, 0)).isTrue();
        a.drainAllPages();
        assertThat(map.isFree(pfn)).isTrue();
        a.checkInvariants();
    }

    @Test
    void putPageFreesTheWholeFolioAtTheLastReference() {
        long head = a.allocPages(3, Gfp.GFP_HIGHUSER_MOVABLE.or(Gfp.__GFP_COMP), 0);
        map.incRefcount(head);
        assertThat(a.putPage(head + 5, 0)).isFalse();
        assertThat(a.putPage(head + 1, 0)).isTrue();
        a.drainAllPages();
        for (long p = head; p < head + 8; p++) {
            assertThat(map.isFree(p)).isTrue();
            assertThat(map.isTail(p)).isFalse();
        }
        assertThatThrownBy(() -> a.freePages(head, 2, 0)).isInstanceOf(IllegalStateException.class);
        a.checkInvariants();
    }

    @Test
    void splitPageMakesEachPageFreeableAlone() {
        long pfn = a.allocPages(2, Gfp.GFP_KERNEL, 0);
        a.splitPage(pfn, 2);
        for (long p = pfn + 3; p >= pfn; p--) {
            assertThat(a.freePages(p, 0, 0)).isTrue();
        }
        a.checkInvariants();
    }
}
