package io.mmspec.runtime.mm.readahead;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The window arithmetic of mm/readahead.c against a page cache made of a set of indexes. */
class ReadaheadWindowTest {
    /** A file of {@code pages} pages whose cached indexes are a set; records requests and markers. */
    static final class FakeMapping implements ReadaheadControl {
        final TreeSet<Long> cached = new TreeSet<>();
        final TreeSet<Long> marked = new TreeSet<>();
        final List<String> requests = new ArrayList<>();
        final long pages;
        int freePages = Integer.MAX_VALUE;

        FakeMapping(long pages) {
            this.pages = pages;
        }

        @Override public String path() { return "/f"; }
        @Override public int pid() { return 1; }
        @Override public int cpu() { return 0; }
        @Override public long size() { return pages * 4096; }
        @Override public int ioPages() { return 32; }
        @Override public boolean isCached(long index) { return cached.contains(index); }
        @Override public boolean testReadahead(long index) { return marked.contains(index); }
        @Override public boolean testWriteback(long index) { return false; }
        @Override public void clearReadahead(long index) { marked.remove(index); }

        @Override
        public boolean addLockedPage(long index, boolean readaheadMark) {
            if (freePages-- <= 0) {
                return false;
            }
            cached.add(index);
            if (readaheadMark) {
                marked.add(index);
            }
            return true;
        }

        @Override
        public void readPages(long start, int count) {
            requests.add("[" + start + "," + (start + count) + ")");
        }
    }

    private final Readahead readahead = new Readahead(new Trace(new SimClock(), pid -> "t", 100));

    @ParameterizedTest(name = "init({0}, 32) = {1}")
    @CsvSource({"1,4", "2,4", "3,8", "4,8", "5,16", "8,16", "9,32", "100,32"})
    void initialWindowFollowsTheKernelTable(long request, long window) {
        // "1-2 page = 16k, 3-4 page 32k, 5-8 page = 64k, > 8 page = 128k initial" (readahead.c)
        assertThat(Readahead.initRaSize(request, 32)).isEqualTo(window);
    }

    @ParameterizedTest(name = "next({0}, 32) = {1}")
    @CsvSource({"1,4", "2,4", "4,8", "8,16", "16,32", "17,32", "32,32"})
    void nextWindowQuadruplesThenDoublesUpToTheMaximum(long cur, long next) {
        assertThat(Readahead.nextRaSize(cur, 32)).isEqualTo(next);
    }

    @Test
    void prevMissFindsTheHighestHoleOrReportsTheStartOfTheFile() {
        FakeMapping m = new FakeMapping(100);
        m.cached.addAll(List.of(5L, 6L, 7L));
        assertThat(Readahead.prevMiss(m, 7, 32)).isEqualTo(4);
        assertThat(Readahead.prevMiss(m, 7, 2)).isEqualTo(5); // no hole in [6,7]: 7 - 2
        m.cached.addAll(List.of(0L, 1L, 2L, 3L, 4L));
        assertThat(Readahead.prevMiss(m, 7, 32)).isEqualTo(-1); // ULONG_MAX: cached from index 0
    }

    @Test
    void nextMissFindsTheLowestHole() {
        FakeMapping m = new FakeMapping(100);
        m.cached.addAll(List.of(10L, 11L));
        assertThat(Readahead.nextMiss(m, 10, 32)).isEqualTo(12);
        assertThat(Readahead.nextMiss(m, 10, 1)).isEqualTo(11);
    }

    @Test
    void windowSkipsCachedPagesAndSplitsTheRequest() {
        FakeMapping m = new FakeMapping(100);
        m.cached.add(2L);
        FileRaState ra = new FileRaState(32);
        readahead.syncRa(m, ra, 0, 1);
        // [0,4) with page 2 already cached: two requests, marker on index 1 (4 - 3)
        assertThat(m.requests).containsExactly("[0,2)", "[3,4)");
        assertThat(m.marked).containsExactly(1L);
    }

    @Test
    void strayMarkerSizesTheWindowFromThePagesAheadOfIt() {
        FakeMapping m = new FakeMapping(100);
        for (long i = 0; i < 12; i++) {
            m.cached.add(i);
        }
        m.marked.add(4L);
        FileRaState ra = new FileRaState(32);
        ra.start = 50; // the state belongs to another stream (interleaved reads)
        ra.size = 8;
        ra.asyncSize = 8;
        readahead.asyncRa(m, ra, 4, 1);
        // next hole after 4 is 12; size = next(12 - 4 + 1 = 9) = 18; order 2 aligns the end to 4: 30 -> 28
        assertThat(ra.start()).isEqualTo(12);
        assertThat(ra.size()).isEqualTo(16);
        assertThat(ra.asyncSize()).isEqualTo(16);
        assertThat(m.requests).containsExactly("[12,28)");
        assertThat(m.marked).containsExactly(12L);
    }

    @Test
    void noMemoryEndsTheWindowWithWhatWasAllocated() {
        FakeMapping m = new FakeMapping(100);
        m.freePages = 3;
        FileRaState ra = new FileRaState(32);
        ra.prevPos = 40L << 12;
        readahead.syncRa(m, ra, 40, 8);
        // sequential (40 - 40 <= 1): init(8) = 16, async 8; only 3 pages could be had
        assertThat(m.requests).containsExactly("[40,43)");
        assertThat(ra.size()).isEqualTo(16);
    }

    @Test
    void readaheadDisabledStillReadsThePageAsked() {
        FakeMapping m = new FakeMapping(100);
        FileRaState ra = new FileRaState(0);
        readahead.syncRa(m, ra, 7, 4);
        // ra_pages 0: force_page_cache_ra() of 1 page
        assertThat(m.requests).containsExactly("[7,8)");
        m.marked.add(7L);
        readahead.asyncRa(m, ra, 7, 1);
        assertThat(m.marked).containsExactly(7L); // no readahead: the marker is not even cleared
    }
}
