package io.mmspec.runtime.mm.filemap;

import static io.mmspec.runtime.mm.filemap.CacheRig.CPU;
import static io.mmspec.runtime.mm.filemap.CacheRig.PID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.readahead.Fadvise;
import io.mmspec.runtime.sim.VmEvent;
import org.junit.jupiter.api.Test;

/** drop_caches, POSIX_FADV_DONTNEED, and reclaim's removal with workingset shadow entries. */
class EvictionTest {
    private final CacheRig rig = new CacheRig(256L << 20);
    private final MemMap memMap = rig.allocator.memMap();
    private final FakeLru lru = new FakeLru();

    EvictionTest() {
        rig.cache.setFileLru(lru);
    }

    /** Caches pages [0, n) of a fresh file of {@code pages} pages, all reads completed. */
    private Inode cached(String path, long pages, long n) {
        Inode file = rig.file(path, pages);
        for (long i = 0; i < n; i++) {
            rig.readPage(file, i);
        }
        rig.runUntil(rig.clock.now() + 10_000_000);
        return file;
    }

    /** A PTE maps the page, as PageRefs.addMapping() counts it. */
    private void map(long pfn) {
        memMap.incMapcount(pfn);
        memMap.incRefcount(pfn);
    }

    @Test
    void dropCachesFreesOnlyCleanUnmappedIdlePages() {
        Inode file = cached("/data/f", 8, 8);
        rig.step(() -> rig.fileIo.write(file, 1 << 12, "dirty".getBytes(), PID, CPU));
        map(rig.cache.findPage(file, 2));
        long free = rig.allocator.nrFreePages();
        long dropped = rig.stepGet(() -> rig.cache.dropCleanUnmapped(CPU));
        assertThat(dropped).isEqualTo(6);
        assertThat(rig.cache.mapping(file).cachedIndexes()).containsExactly(1, 2);
        assertThat(rig.cache.mapping(file).nrShadows()).isZero(); // invalidation leaves no shadows
        assertThat(lru.inactive).hasSize(2); // the freed pages were taken off the LRU first
        assertThat(rig.allocator.nrFreePages() + rig.allocator.pcpPages()).isGreaterThanOrEqualTo(free + 6);
        assertThat(rig.vm(VmEvent.DROP_PAGECACHE)).isEqualTo(1);
        rig.cache.checkInvariants();
    }

    @Test
    void dontneedStartsWritebackAndDropsTheCleanWholePagesOfTheRange() {
        Inode file = cached("/data/f", 8, 8);
        rig.step(() -> rig.fileIo.write(file, 3 << 12, "d".getBytes(), PID, CPU));
        // bytes [4096 + 100, 6 * 4096 + 100): whole pages 2..5; pages 1 and 6 are partial and stay
        rig.step(() -> rig.cache.fadvise(file, 4096 + 100, 5 * 4096, Fadvise.DONTNEED, PID, CPU));
        assertThat(rig.cache.mapping(file).cachedIndexes()).containsExactly(0, 1, 3, 6, 7);
        assertThat(rig.cache.nrDirty()).isZero();
        assertThat(memMap.testFlag(rig.cache.findPage(file, 3), PageFlags.PG_writeback)).isTrue();
        rig.runUntil(rig.clock.now() + 1_000_000);
        rig.step(() -> rig.cache.fadvise(file, 0, 0, Fadvise.DONTNEED, PID, CPU));
        assertThat(rig.cache.mapping(file).nrpages()).isZero(); // len 0: to the end of the file
        rig.cache.checkInvariants();
    }

    @Test
    void removingADirtyPageForReclaimFailsLoudly() {
        Inode file = cached("/data/f", 4, 1);
        rig.step(() -> rig.fileIo.write(file, 0, "precious".getBytes(), PID, CPU));
        long pfn = rig.cache.findPage(file, 0);
        lru.isolate(pfn);
        assertThat(rig.cache.reclaim().canRemove(pfn)).isFalse();
        assertThatThrownBy(() -> rig.cache.removeForReclaim(pfn, CPU))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dirty");
        assertThat(rig.cache.findPage(file, 0)).isEqualTo(pfn);
        rig.cache.checkInvariants();
    }

    @Test
    void reclaimRefusesMappedLockedAndListedPages() {
        Inode file = cached("/data/f", 64, 1); // page 0, and [1,4) of the first window
        long mapped = rig.cache.findPage(file, 0);
        map(mapped);
        lru.isolate(mapped);
        assertThatThrownBy(() -> rig.cache.removeForReclaim(mapped, CPU)).hasMessageContaining("mapped 1 times");
        long listed = rig.cache.findPage(file, 1);
        memMap.setFlag(listed, PageFlags.PG_lru);
        assertThatThrownBy(() -> rig.cache.removeForReclaim(listed, CPU)).hasMessageContaining("LRU");
        memMap.clearFlag(listed, PageFlags.PG_lru);
        rig.step(() -> rig.cache.filemapFault(file, 40, 0, 0, 64, PID, CPU)); // read-around [24,56), marker 48
        rig.step(() -> rig.cache.filemapFault(file, 48, 0, 0, 64, PID, CPU)); // marker: [56,64) now in flight
        long inFlight = rig.cache.findPage(file, 60);
        lru.isolate(inFlight);
        assertThat(rig.cache.reclaim().isLocked(inFlight)).isTrue();
        assertThatThrownBy(() -> rig.cache.removeForReclaim(inFlight, CPU)).hasMessageContaining("in flight");
    }

    @Test
    void evictionLeavesAShadowAndAQuickRefaultIsActivated() {
        Inode file = cached("/data/f", 4, 1);
        long pfn = rig.cache.findPage(file, 0);
        lru.isolate(pfn);
        lru.extraWorkingset = 10;
        lru.nonresidentAge = 500;
        rig.cache.removeForReclaim(pfn, CPU);
        AddressSpace space = rig.cache.mapping(file);
        assertThat(space.lookup(0)).isEqualTo(AddressSpace.NONE);
        assertThat(space.shadow(0)).isEqualTo(500L << 1); // nonresident_age 500 at eviction, not workingset
        assertThat(lru.nonresidentAge).isEqualTo(501); // the eviction aged it
        lru.nonresidentAge += 9; // 9 more evictions elsewhere: distance 10 <= workingset 10
        byte[] page = rig.readPage(file, 0);
        assertThat(page[0]).isEqualTo(CacheRig.expectedByte(0)); // the data came back from disk
        assertThat(rig.vm(VmEvent.WORKINGSET_REFAULT_FILE)).isEqualTo(1);
        assertThat(rig.vm(VmEvent.WORKINGSET_ACTIVATE_FILE)).isEqualTo(1);
        assertThat(rig.vm(VmEvent.WORKINGSET_RESTORE_FILE)).isZero();
        assertThat(lru.active).contains(rig.cache.findPage(file, 0));
        assertThat(space.shadow(0)).isEqualTo(AddressSpace.NO_SHADOW);
        rig.cache.checkInvariants();
    }

    @Test
    void aDistantRefaultIsCountedButStartsInactive() {
        Inode file = cached("/data/f", 4, 1);
        long pfn = rig.cache.findPage(file, 0);
        lru.isolate(pfn);
        lru.extraWorkingset = 10;
        rig.cache.removeForReclaim(pfn, CPU);
        lru.nonresidentAge += 10; // distance 11 > workingset 10
        rig.readPage(file, 0);
        assertThat(rig.vm(VmEvent.WORKINGSET_REFAULT_FILE)).isEqualTo(1);
        assertThat(rig.vm(VmEvent.WORKINGSET_ACTIVATE_FILE)).isZero();
        assertThat(lru.inactive).contains(rig.cache.findPage(file, 0));
    }

    @Test
    void aWorkingsetPageThatRefaultsIsRestored() {
        Inode file = cached("/data/f", 4, 1);
        long pfn = rig.cache.findPage(file, 0);
        memMap.setFlag(pfn, PageFlags.PG_workingset); // it was active before (vmscan's mark)
        lru.isolate(pfn);
        lru.extraWorkingset = 100;
        rig.cache.removeForReclaim(pfn, CPU);
        assertThat(rig.cache.mapping(file).shadow(0) & 1).isEqualTo(1);
        rig.readPage(file, 0);
        long back = rig.cache.findPage(file, 0);
        assertThat(memMap.testFlag(back, PageFlags.PG_workingset)).isTrue();
        assertThat(rig.vm(VmEvent.WORKINGSET_RESTORE_FILE)).isEqualTo(1);
    }

    @Test
    void pageoutSetsReclaimAndItsCompletionRotatesThePage() {
        Inode file = cached("/data/f", 4, 1);
        rig.step(() -> rig.fileIo.write(file, 0, "x".getBytes(), PID, CPU));
        long pfn = rig.cache.findPage(file, 0);
        long done = rig.stepGet(() -> rig.cache.reclaim().pageout(pfn, CPU));
        assertThat(memMap.testFlag(pfn, PageFlags.PG_reclaim)).isTrue();
        assertThat(rig.cache.reclaim().isWriteback(pfn)).isTrue();
        rig.runUntil(done);
        assertThat(lru.rotated).containsExactly(pfn);
        assertThat(memMap.testFlag(pfn, PageFlags.PG_reclaim)).isFalse();
        lru.isolate(pfn);
        assertThat(rig.cache.reclaim().canRemove(pfn)).isTrue();
        rig.cache.removeForReclaim(pfn, CPU);
        assertThat(file.diskByte(0)).isEqualTo((byte) 'x'); // written before it was dropped
        rig.cache.checkInvariants();
    }

    @Test
    void readHitsMarkPagesAccessedOncePerPage() {
        Inode file = cached("/data/f", 4, 2); // the last read ended at byte 8192, in page 1
        lru.accessed.clear();
        rig.step(() -> rig.fileIo.read(file, 4096 + 7, 10, PID, CPU)); // page 1 again: no new access
        assertThat(lru.accessed).isEmpty();
        long pfn = rig.cache.findPage(file, 3);
        rig.step(() -> rig.fileIo.read(file, 3 * 4096, 100, PID, CPU));
        rig.step(() -> rig.fileIo.read(file, 3 * 4096 + 100, 100, PID, CPU)); // the same page again
        assertThat(lru.accessed).containsExactly(pfn);
    }

    @Test
    void migrationMovesTheCacheEntryToTheNewFrame() {
        Inode file = cached("/data/f", 4, 1);
        long old = rig.cache.findPage(file, 2);
        long target = rig.allocator.allocPages(0, io.mmspec.runtime.mm.pagealloc.Gfp.GFP_HIGHUSER_MOVABLE, CPU);
        memMap.migratePageData(old, target); // what Migrate does first
        rig.cache.replacePage(old, target);
        rig.allocator.freePages(old, 0, CPU);
        assertThat(rig.cache.findPage(file, 2)).isEqualTo(target);
        assertThat(rig.readPage(file, 2)[5]).isEqualTo(CacheRig.expectedByte(2 * 4096 + 5));
        rig.cache.checkInvariants();
    }
}
