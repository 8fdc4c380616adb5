package io.mmspec.runtime.mm.readahead;

import static io.mmspec.runtime.mm.filemap.CacheRig.CPU;
import static io.mmspec.runtime.mm.filemap.CacheRig.PID;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.filemap.CacheRig;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.EventKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Faults on file mappings: do_sync_mmap_readahead() and do_async_mmap_readahead(). */
class MmapReadaheadTest {
    private static final long MB = 1 << 20;

    private final CacheRig rig = new CacheRig(256 * MB);
    private final MemMap memMap = rig.allocator.memMap();

    private long fault(Inode file, long pgoff, long vmFlags, long vmaStart, long vmaEnd) {
        long pfn = rig.stepGet(() -> rig.cache.filemapFault(file, pgoff, vmFlags, vmaStart, vmaEnd, PID, CPU));
        rig.cache.checkInvariants();
        return pfn;
    }

    private List<String> windows() {
        return rig.events(EventKind.READAHEAD).stream().map(CacheRig::window).toList();
    }

    @Test
    void readAroundCentresTheWindowOnTheFaultAndMarksThreeQuarters() {
        Inode file = rig.file("/lib/big.so", 256);
        long pfn = fault(file, 100, 0, 0, 256);
        // start = 100 - 32/2 = 84, size 32, async 32/4 = 8: marker at 84 + 32 - 8 = 108
        assertThat(windows()).containsExactly("[84,116) async 8 sync pages 32");
        assertThat(rig.cache.lastWasMiss()).isTrue();
        assertThat(memMap.readByte(pfn, 0)).isEqualTo(CacheRig.expectedByte(100L << 12));
        assertThat(memMap.testFlag(rig.cache.findPage(file, 108), PageFlags.PG_readahead)).isTrue();
        assertThat(rig.cache.raState(PID, file).mmapMiss()).isEqualTo(1);

        fault(file, 108, 0, 0, 256);
        // the marker: page_cache_async_ra() with the expected index moves the window on: [116,148)
        assertThat(windows()).containsExactly("[84,116) async 8 sync pages 32", "[116,148) async 32 async pages 32");
        assertThat(rig.cache.lastWasMiss()).isFalse();
        assertThat(rig.cache.raState(PID, file).mmapMiss()).isZero();
    }

    @Test
    void readAroundNearTheStartBeginsAtZero() {
        Inode file = rig.file("/lib/big.so", 256);
        fault(file, 3, 0, 0, 256);
        assertThat(windows()).containsExactly("[0,32) async 8 sync pages 32");
    }

    @Test
    void randomAdviceReadsOnlyTheFaultingPage() {
        Inode file = rig.file("/lib/big.so", 256);
        fault(file, 100, VmFlags.VM_RAND_READ, 0, 256);
        assertThat(windows()).isEmpty();
        assertThat(rig.cache.mapping(file).nrpages()).isEqualTo(1);
        assertThat(rig.cache.lastWasMiss()).isTrue();
    }

    @Test
    void sequentialAdviceUsesTheSyncReadaheadOfRaPages() {
        Inode file = rig.file("/lib/big.so", 256);
        fault(file, 0, VmFlags.VM_SEQ_READ, 0, 256);
        // page_cache_sync_ra(ra_pages = 32) at index 0: init(32) = 32, async 32 >> 1 = 16
        fault(file, 100, VmFlags.VM_SEQ_READ, 0, 256);
        // at 100 with nothing cached before it: a plain read of the 32 pages asked for, no marker
        assertThat(windows()).containsExactly("[0,32) async 16 sync pages 32", "[100,132) async 0 sync pages 32");
    }

    @Test
    void executableMappingsReadForwardInsideTheVma() {
        Inode file = rig.file("/usr/bin/firefox", 256);
        fault(file, 10, VmFlags.VM_EXEC | VmFlags.VM_READ, 0, 20);
        // 6.18: VM_EXEC reads [pgoff, pgoff + ra_pages) clipped to the VMA, with no async part
        assertThat(windows()).containsExactly("[10,20) async 0 sync pages 10");
        fault(file, 10, VmFlags.VM_EXEC | VmFlags.VM_RAND_READ, 0, 20);
        assertThat(rig.cache.lastWasMiss()).isFalse();
    }

    @Test
    void moreThanAHundredMissesWithoutHitsStopReadAround() {
        Inode file = rig.file("/data/huge", 102 * 64);
        for (int k = 0; k < 101; k++) {
            fault(file, k * 64L + 32, 0, 0, 102 * 64);
        }
        // mmap_miss counts 1..101; the 101st miss is past MMAP_LOTSAMISS (100): no window
        assertThat(rig.events(EventKind.READAHEAD)).hasSize(100);
        assertThat(rig.cache.raState(PID, file).mmapMiss()).isEqualTo(101);
        assertThat(rig.cache.mapping(file).nrpages()).isEqualTo(100 * 32 + 1);
    }

    @Test
    void faultOnAPageStillBeingReadWaitsAndIsMinor() {
        Inode file = rig.file("/lib/big.so", 256);
        long[] waits = new long[2];
        rig.step(() -> {
            rig.cache.filemapFault(file, 100, 0, 0, 256, PID, CPU);
            // the fault waited for its 32-page request: 100 us + 122070 ns
            waits[0] = rig.cache.lastIoNs();
        });
        assertThat(waits[0]).isEqualTo(222_070L);
        // now the async window [116,148) is in flight; a fault on 120 right after it was started
        rig.step(() -> rig.cache.filemapFault(file, 108, 0, 0, 256, PID, CPU));
        long pfn = rig.cache.findPage(file, 120);
        assertThat(memMap.testFlag(pfn, PageFlags.PG_locked)).isTrue();
        long cost = rig.step(() -> {
            rig.cache.filemapFault(file, 120, 0, 0, 256, PID, CPU);
            waits[1] = rig.cache.lastIoNs();
        });
        assertThat(rig.cache.lastWasMiss()).isFalse();
        assertThat(waits[1]).isPositive().isLessThanOrEqualTo(222_070L).isEqualTo(cost);
        assertThat(memMap.testFlag(pfn, PageFlags.PG_locked)).isFalse(); // the completion event ran
        assertThat(memMap.testFlag(pfn, PageFlags.PG_uptodate)).isTrue();
    }

    @Test
    void faultAroundSkipsLockedAndMarkedPagesAndCountsHits() {
        Inode file = rig.file("/lib/big.so", 256);
        fault(file, 100, 0, 0, 256); // [84,116), marker 108
        fault(file, 200, 0, 0, 256); // [184,216), marker 208
        assertThat(rig.cache.raState(PID, file).mmapMiss()).isEqualTo(2);
        assertThat(rig.cache.mapPagesAround(file, 99, PID)).isEqualTo(rig.cache.findPage(file, 99));
        assertThat(rig.cache.mapPagesAround(file, 108, PID)).isEqualTo(-1); // PG_readahead: must fault
        assertThat(rig.cache.mapPagesAround(file, 150, PID)).isEqualTo(-1); // not cached
        assertThat(rig.cache.raState(PID, file).mmapMiss()).isEqualTo(1); // one page mapped: one hit
        fault(file, 108, 0, 0, 256); // starts [116,148)
        assertThat(rig.cache.mapPagesAround(file, 120, PID)).isEqualTo(-1); // still being read
        rig.runUntil(rig.clock.now() + 1_000_000);
        assertThat(rig.cache.mapPagesAround(file, 120, PID)).isEqualTo(rig.cache.findPage(file, 120));
    }
}
