package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.VmEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dirty file pages are never dropped before they are written: reclaim marks them PG_reclaim
 * and keeps them (activated), wakes the flusher when everything it took was dirty, and the
 * flusher's completed writes put them at the inactive tail, where the next scan drops them.
 */
class DirtyFileTest {
    private ReclaimFixture f;
    private MemMap memMap;

    @BeforeEach
    void boot() {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 60);
        memMap = f.m.pageAllocator().memMap();
    }

    @Test
    void cleanPagesGoAndADirtyOneIsKeptForTheFlusher() {
        long clean1 = f.files.addCleanPage();
        long dirty = f.files.addCleanPage();
        long clean2 = f.files.addCleanPage();
        f.files.markDirty(dirty);

        long reclaimed = f.shrinkInactive(LruList.INACTIVE_FILE, 32);

        assertThat(reclaimed).isEqualTo(2);
        assertThat(f.files.isCached(clean1) || f.files.isCached(clean2)).isFalse();
        assertThat(f.files.isCached(dirty)).isTrue();
        assertThat(memMap.testFlag(dirty, PageFlags.PG_reclaim)).isTrue();
        assertThat(f.vmscan.lruvec().size(LruList.ACTIVE_FILE)).isEqualTo(1);
        assertThat(f.event(VmEvent.PGACTIVATE)).isEqualTo(1);
        // one dirty page of three taken: the flusher is not woken
        assertThat(f.files.flusherWakeups).isZero();
        f.checkInvariants();
    }

    @Test
    void allDirtyWakesTheFlusherAndTheWrittenPagesGoOnTheNextPass() {
        long a = f.files.addCleanPage();
        long b = f.files.addCleanPage();
        f.files.markDirty(a);
        f.files.markDirty(b);

        assertThat(f.shrinkInactive(LruList.INACTIVE_FILE, 32)).isZero();

        assertThat(f.files.flusherWakeups).isEqualTo(1);
        assertThat(f.files.written).isEqualTo(2);
        // folio_end_writeback() with PG_reclaim: clean, off the active list, to the inactive tail
        assertThat(f.event(VmEvent.PGROTATED)).isEqualTo(2);
        assertThat(f.vmscan.lruvec().size(LruList.INACTIVE_FILE)).isEqualTo(2);
        assertThat(memMap.testFlag(a, PageFlags.PG_reclaim)).isFalse();

        assertThat(f.shrinkInactive(LruList.INACTIVE_FILE, 32)).isEqualTo(2);
        assertThat(f.files.nrCached()).isZero();
        f.checkInvariants();
    }
}
