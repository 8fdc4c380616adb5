package io.mmspec.runtime.mm.readahead;

import static io.mmspec.runtime.mm.filemap.CacheRig.CPU;
import static io.mmspec.runtime.mm.filemap.CacheRig.PID;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.filemap.CacheRig;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.TraceEvent;
import io.mmspec.runtime.sim.VmEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * read() with readahead (page_cache_sync_ra / page_cache_async_ra through filemap_read), on a
 * disk of latency 100 us and 1 GiB/s with ra_pages 32.
 */
class ReadReadaheadTest {
    private static final long MB = 1 << 20;

    private static List<String> windows(CacheRig rig) {
        return rig.events(EventKind.READAHEAD).stream().map(CacheRig::window).toList();
    }

    private static void readAll(CacheRig rig, Inode file) {
        for (long index = 0; index < file.pages(); index++) {
            long i = index;
            byte[] page = rig.stepGet(() -> rig.fileIo.read(file, i << 12, 4096, PID, CPU));
            assertThat(page[0]).isEqualTo(CacheRig.expectedByte(i << 12));
            assertThat(page[4095]).isEqualTo(CacheRig.expectedByte((i << 12) + 4095));
            rig.cache.checkInvariants();
        }
    }

    @Test
    void sequentialReadFromIndexZeroGrowsWindowsToThirtyTwoPages() {
        CacheRig rig = new CacheRig(256 * MB);
        Inode file = rig.file("/data/1mb", 256);
        long start = rig.clock.now();
        readAll(rig, file);
        // kernel-facts section 9: [0,4) marker 1, [4,12) marker 4, [12,28), [28,60), then 32 pages;
        // the last window is clipped to the 256 pages of the file; the one after lies past EOF
        assertThat(windows(rig)).containsExactly(
                "[0,4) async 3 sync pages 4", "[4,12) async 8 async pages 8", "[12,28) async 16 async pages 16",
                "[28,60) async 32 async pages 32", "[60,92) async 32 async pages 32", "[92,124) async 32 async pages 32",
                "[124,156) async 32 async pages 32", "[156,188) async 32 async pages 32",
                "[188,220) async 32 async pages 32", "[220,252) async 32 async pages 32",
                "[252,284) async 32 async pages 4");
        assertThat(rig.events(EventKind.PAGE_CACHE_MISS)).hasSize(1); // only read 0 found nothing cached
        assertThat(rig.vm(VmEvent.PGPGIN)).isEqualTo(1024); // KB
        // each window is submitted on its marker, before the reader waits for the marker page, so
        // requests overlap on the disk: the transfers of 1 MB (976562 ns at 1 GB/s) run back to
        // back and only part of each 100 us latency shows. Serially the 11 requests would take
        // 2076558 ns (4 pages 115258, 8: 130517, 16: 161035, 7 x 32: 222070, 4: 115258).
        long elapsed = rig.clock.now() - start;
        assertThat(elapsed).isBetween(976_562L + 100_000L, 2_076_558L);
        assertThat(elapsed).as("pinned: the deterministic result of the rules above").isEqualTo(1_216_173L);
    }

    @Test
    void readaheadIsMoreThanTenTimesFasterThanPageByPageReads() {
        CacheRig ahead = new CacheRig(256 * MB);
        Inode a = ahead.file("/data/1mb", 256);
        readAll(ahead, a);
        CacheRig random = new CacheRig(256 * MB);
        Inode r = random.file("/data/1mb", 256);
        random.cache.fadvise(r, 0, 0, Fadvise.RANDOM, PID, CPU);
        readAll(random, r);
        // FMODE_RANDOM: 256 one-page requests of 100 us + 3814 ns, waited for one by one, + 50 ns each
        assertThat(random.clock.now()).isEqualTo(256 * (103_814L + 50));
        assertThat(random.events(EventKind.PAGE_CACHE_MISS)).hasSize(256);
        assertThat(random.clock.now()).isGreaterThan(10 * ahead.clock.now());
    }

    @Test
    void randomFileReadsOnlyThePagesAskedFor() {
        CacheRig rig = new CacheRig(256 * MB);
        Inode file = rig.file("/data/1mb", 256);
        rig.cache.fadvise(file, 0, 0, Fadvise.RANDOM, PID, CPU);
        for (long index : new long[] {0, 1, 2, 3}) {
            rig.readPage(file, index);
        }
        // force_page_cache_ra() of the one page each read asks for, even from index 0 on
        assertThat(windows(rig)).containsExactly("[0,1) async 0 sync pages 1", "[1,2) async 0 sync pages 1",
                "[2,3) async 0 sync pages 1", "[3,4) async 0 sync pages 1");
        assertThat(rig.cache.mapping(file).nrpages()).isEqualTo(4);
        assertThat(rig.vm(VmEvent.PGPGIN)).isEqualTo(16);
    }

    @Test
    void scatteredReadsWithoutHistoryReadOnePageEach() {
        CacheRig rig = new CacheRig(256 * MB);
        Inode file = rig.file("/data/1mb", 256);
        for (long index : new long[] {200, 50, 120, 10, 90}) {
            rig.readPage(file, index);
        }
        // not index 0, not next to the previous read, no cached page before: a small random read
        assertThat(windows(rig)).containsExactly("[200,201) async 0 sync pages 1", "[50,51) async 0 sync pages 1",
                "[120,121) async 0 sync pages 1", "[10,11) async 0 sync pages 1", "[90,91) async 0 sync pages 1");
        assertThat(rig.cache.mapping(file).nrpages()).isEqualTo(5);
    }

    @Test
    void cachedHistoryBeforeAMissSizesTheWindow() {
        CacheRig rig = new CacheRig(256 * MB);
        Inode file = rig.file("/data/1mb", 256);
        for (long index = 100; index < 110; index++) {
            rig.readPage(file, index); // pages 100..109 cached, mostly by readahead
        }
        rig.readPage(file, 200); // moves prev_pos away
        int before = rig.events(EventKind.READAHEAD).size();
        long firstUncached = 100;
        while (rig.cache.findPage(file, firstUncached) >= 0) {
            firstUncached++;
        }
        long miss = firstUncached;
        rig.readPage(file, miss);
        TraceEvent window = rig.events(EventKind.READAHEAD).get(before);
        // page_cache_prev_miss(): contig = pages cached just before the miss (> 1 requested page):
        // size min(contig + 1, 32), async 1
        long contig = miss - 100;
        assertThat(CacheRig.window(window)).isEqualTo("[" + miss + "," + (miss + Math.min(contig + 1, 32))
                + ") async 1 sync pages " + Math.min(contig + 1, 32));
    }

    @Test
    void fadviseSequentialDoublesTheWindowLimit() {
        CacheRig rig = new CacheRig(256 * MB);
        Inode file = rig.file("/data/1mb", 256);
        rig.cache.fadvise(file, 0, 0, Fadvise.SEQUENTIAL, PID, CPU);
        assertThat(rig.cache.raState(PID, file).raPages()).isEqualTo(64);
        readAll(rig, file);
        // max 64: init(1) = 4, then x2 (4 is not below 64/16), up to 64
        assertThat(windows(rig)).startsWith("[0,4) async 3 sync pages 4", "[4,12) async 8 async pages 8",
                "[12,28) async 16 async pages 16", "[28,60) async 32 async pages 32", "[60,124) async 64 async pages 64",
                "[124,188) async 64 async pages 64", "[188,252) async 64 async pages 64");
        rig.cache.fadvise(file, 0, 0, Fadvise.NORMAL, PID, CPU);
        assertThat(rig.cache.raState(PID, file).raPages()).isEqualTo(32);
    }

    @Test
    void willneedReadsAtMostThirtyTwoPagesWithoutMarker() {
        CacheRig rig = new CacheRig(256 * MB);
        Inode file = rig.file("/data/1mb", 256);
        rig.step(() -> rig.cache.fadvise(file, 0, MB, Fadvise.WILLNEED, PID, CPU));
        // force_page_cache_readahead() capped at max(io_pages, ra_pages) = 32 of the 256 pages asked
        assertThat(windows(rig)).containsExactly("[0,32) async 0 async pages 32");
        rig.runUntil(rig.clock.now() + 1_000_000);
        long before = rig.vm(VmEvent.PGPGIN);
        long cost = rig.step(() -> {
            for (long i = 0; i < 32; i++) {
                rig.fileIo.read(file, i << 12, 4096, PID, CPU);
            }
        });
        assertThat(rig.vm(VmEvent.PGPGIN)).isEqualTo(before); // all hits, no I/O
        assertThat(cost).isEqualTo(32 * 50); // one memory access per page, no wait
        assertThat(rig.events(EventKind.PAGE_CACHE_MISS)).isEmpty();
    }
}
