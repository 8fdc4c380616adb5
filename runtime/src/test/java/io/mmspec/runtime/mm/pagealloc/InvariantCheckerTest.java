package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Machines.MB;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The checker catches each kind of corruption it claims to. */
class InvariantCheckerTest {
    private final PageAllocator a = Machines.boot(64 * MB, 1);
    private final MemMap map = a.memMap();
    private final Zone dma32 = Machines.zone(a, ZoneType.DMA32);

    @Test
    void acceptsAFreshAndAWorkedAllocator() {
        assertThatCode(a::checkInvariants).doesNotThrowAnyException();
        long pfn = a.allocPages(3, Gfp.GFP_KERNEL, 0);
        assertThatCode(a::checkInvariants).doesNotThrowAnyException();
        a.freePages(pfn, 3, 0);
        assertThatCode(a::checkInvariants).doesNotThrowAnyException();
    }

    @Test
    void catchesDataInAFreePage() {
        long free = a.allocPages(0, Gfp.GFP_KERNEL, 0) + 1;     // still on the per-CPU list
        a.drainAllPages();
        map.writeByte(free, 0, (byte) 1);
        assertThatThrownBy(a::checkInvariants).hasMessageContaining("free pfn " + free + " is not clean")
                .hasMessageContaining("data true");
    }

    @Test
    void catchesAReferenceToAFreePage() {
        long pfn = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        a.freePages(pfn, 0, 0);
        a.drainAllPages();
        map.setRefcount(pfn, 1);
        assertThatThrownBy(a::checkInvariants).hasMessageContaining("not clean");
    }

    @Test
    void catchesAMiscountedFreeTotal() {
        dma32.nrFreePages++;
        assertThatThrownBy(a::checkInvariants).hasMessageContaining("NR_FREE_PAGES");
    }

    @Test
    void catchesALeakedAllocation() {
        dma32.nrAllocated++;
        dma32.nrFreePages--;
        assertThatThrownBy(a::checkInvariants).hasMessageContaining("NR_FREE_PAGES");
        dma32.nrFreePages++;
        assertThatThrownBy(a::checkInvariants).hasMessageContaining("!= managed");
    }

    @Test
    void catchesTwoFreeBuddiesLeftUnmerged() {
        Buddy buddy = a.node().buddy;
        long p = buddy.rmqueueSmallest(dma32, 1, MigrateType.MOVABLE.ordinal());   // 4096..4097
        // put the two halves back as order-0 blocks without merging them
        dma32.freeArea.add(p, 0, MigrateType.MOVABLE.ordinal(), false);
        map.setBuddy(p, 0);
        dma32.freeArea.add(p + 1, 0, MigrateType.MOVABLE.ordinal(), false);
        map.setBuddy(p + 1, 0);
        dma32.nrFreePages += 2;
        assertThatThrownBy(a::checkInvariants).hasMessageContaining("both free and unmerged");
    }

    @Test
    void catchesABuddyMarkOnAnAllocatedPage() {
        long pfn = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        map.setBuddy(pfn, 0);
        assertThatThrownBy(a::checkInvariants).hasMessageContaining("free pfn " + pfn + " is not clean (refcount 1");
    }

    @Test
    void catchesABuddyMarkWithoutAListEntry() {
        long pfn = a.allocPages(0, Gfp.GFP_KERNEL, 0);
        // the page looks free (refcount 0) but no free list holds it
        map.setRefcount(pfn, 0);
        map.setBuddy(pfn, 0);
        dma32.nrAllocated--;
        dma32.nrFreePages++;
        assertThatThrownBy(a::checkInvariants).hasMessageContaining("free lists hold");
    }
}
