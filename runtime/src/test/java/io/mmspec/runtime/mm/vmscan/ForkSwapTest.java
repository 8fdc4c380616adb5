package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.memory.VmFault;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.swap.SwapEntry;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page shared copy-on-write after fork goes to swap once, and both processes' PTEs hold its
 * slot: swap count 2. Each swap-in gives one count back.
 */
class ForkSwapTest {
    private ReclaimFixture f;
    private Task parent;
    private Task child;
    private long buf;
    private long entry;

    @BeforeEach
    void sharedPageSwappedOut() {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 60);
        parent = f.spawn("parent", 100);
        buf = f.mapAnon(parent, 1);
        f.write(parent, buf + 9, 'P');
        child = f.m.syscalls().fork(parent, "child", 101);
        f.age(parent, buf, 1);
        f.age(child, buf, 1);

        assertThat(f.shrinkInactive(LruList.INACTIVE_ANON, 32)).isEqualTo(1);
        entry = SwapEntry.fromPte(f.pte(parent, buf));
    }

    @Test
    void bothPageTablesHoldTheSlotWithCountTwo() {
        assertThat(f.pte(child, buf)).isEqualTo(f.pte(parent, buf));
        assertThat(Pte.swapIsExclusive(f.pte(parent, buf))).isFalse(); // the page was shared
        assertThat(f.swap.swapCount(entry)).isEqualTo(2);
        assertThat(parent.mm().counter(MmCounter.MM_SWAPENTS)).isEqualTo(1);
        assertThat(child.mm().counter(MmCounter.MM_SWAPENTS)).isEqualTo(1);
        assertThat(f.event(VmEvent.PSWPOUT)).isEqualTo(1);
        f.checkInvariants();
    }

    @Test
    void theFirstSwapInReadsAndTheSecondFindsTheSwapCache() {
        assertThat(f.read(child, buf + 9)).isEqualTo('P');
        assertThat(VmFault.isMajor((int) f.lastSwapInResult)).isTrue();
        assertThat(f.swap.swapCount(entry)).isEqualTo(1); // the parent's PTE, plus SWAP_HAS_CACHE
        // not exclusive: the child maps it read-only, a write would copy
        assertThat(Pte.isWrite(f.pte(child, buf))).isFalse();

        assertThat(f.read(parent, buf + 9)).isEqualTo('P');
        assertThat(VmFault.isMajor((int) f.lastSwapInResult)).isFalse();
        assertThat(f.swap.swapCount(entry)).isZero();
        assertThat(Pte.pfn(f.pte(parent, buf))).isEqualTo(Pte.pfn(f.pte(child, buf)));
        assertThat(f.event(VmEvent.PSWPIN)).isEqualTo(1);
        assertThat(f.m.pageAllocator().memMap().mapcount(Pte.pfn(f.pte(parent, buf)))).isEqualTo(2);
        f.checkInvariants();
    }

    @Test
    void aWriteToASharedSwappedPageIsLeftToDoWpPage() {
        f.write(child, buf + 9, 'C');

        assertThat(f.swap.swapIn().needsWpPage()).isTrue();
        // do_wp_page() copied: the child has its own page, the parent still reads 'P'
        assertThat(f.read(child, buf + 9)).isEqualTo('C');
        assertThat(f.read(parent, buf + 9)).isEqualTo('P');
        f.checkInvariants();
    }

    @Test
    void swapDuplicateAndSwapFreeAsForkAndUnmapUseThem() {
        long pte = f.pte(parent, buf);
        assertThat(f.swap.swapDuplicate(pte)).isTrue(); // a third process copies the PTE
        assertThat(f.swap.swapCount(entry)).isEqualTo(3);
        f.swap.freeSwapAndCache(pte);
        f.swap.freeSwapAndCache(pte);
        assertThat(f.swap.swapCount(entry)).isEqualTo(1);
        long before = f.swap.nrSwapPages();
        f.swap.freeSwapAndCache(pte);
        assertThat(f.swap.nrSwapPages()).isEqualTo(before + 1);
        assertThat(f.swap.swapDuplicate(pte)).isFalse(); // a free slot cannot be duplicated
    }
}
