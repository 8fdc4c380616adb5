package io.mmspec.runtime.mm.filemap;

import static io.mmspec.runtime.mm.filemap.CacheRig.CPU;
import static io.mmspec.runtime.mm.filemap.CacheRig.PID;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.TraceEvent;
import io.mmspec.runtime.sim.VmEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dirty pages, the flusher's timing, fsync and sync, write_begin's reads. */
class WritebackTest {
    private static final long SECOND = 1_000_000_000L;
    /** One 4 KB request: 100 us latency + 4096 B at 1 GiB/s (3814 ns). */
    private static final long PAGE_IO = 103_814L;

    private final CacheRig rig = new CacheRig(256L << 20);
    private final MemMap memMap = rig.allocator.memMap();

    private void write(Inode file, long offset, String text) {
        rig.step(() -> rig.fileIo.write(file, offset, text.getBytes(), PID, CPU));
        rig.cache.checkInvariants();
    }

    private List<TraceEvent> writebacks() {
        return rig.events(EventKind.WRITEBACK);
    }

    @Test
    void flusherWritesAPageDirtiedAtOneSecondAtThirtyOneSeconds() {
        Inode file = rig.fs.create("/home/notes", 0, rig.ssd, null);
        rig.runUntil(SECOND);
        write(file, 0, "hello");
        assertThat(rig.cache.nrDirty()).isEqualTo(1);
        assertThat(rig.vm(VmEvent.NR_DIRTIED)).isEqualTo(1);
        assertThat(rig.cache.flusherDueAt()).isEqualTo(6 * SECOND); // wb_wakeup_delayed(): + 5 s
        rig.runUntil(30 * SECOND);
        assertThat(writebacks()).isEmpty(); // at 6, 11, ..., 26 s the inode was not 30 s old
        rig.runUntil(31 * SECOND);
        // kupdate at 31 s: dirtied_when 1 s is not after 31 - 30 s
        assertThat(writebacks()).hasSize(1);
        TraceEvent wb = writebacks().get(0);
        assertThat(wb.time()).isEqualTo(31 * SECOND);
        assertThat(wb.stringField("reason")).isEqualTo("periodic");
        assertThat(rig.cache.nrDirty()).isZero();
        assertThat(rig.cache.nrWriteback()).isEqualTo(1);
        assertThat(file.diskByte(4)).isEqualTo((byte) 'o');
        rig.runUntil(31 * SECOND + PAGE_IO);
        assertThat(rig.cache.nrWriteback()).isZero();
        assertThat(rig.vm(VmEvent.NR_WRITTEN)).isEqualTo(1);
        assertThat(rig.vm(VmEvent.PGPGOUT)).isEqualTo(4);
        assertThat(rig.cache.flusherDueAt()).isEqualTo(-1); // nothing dirty: the flusher sleeps
        assertThat(rig.queue.isEmpty()).isTrue(); // an idle machine has no periodic events
        rig.cache.checkInvariants();
    }

    @Test
    void zeroWritebackCentisecsStopsPeriodicWriteback() {
        CacheRig quiet = new CacheRig(256L << 20, rig.ssd, new DirtyConfig(10, 0, 20, 0, 0, 3000));
        Inode file = quiet.fs.create("/home/notes", 0, quiet.ssd, null);
        quiet.step(() -> quiet.fileIo.write(file, 0, "kept".getBytes(), PID, CPU));
        assertThat(quiet.cache.flusherDueAt()).isEqualTo(-1);
        quiet.runUntil(100 * SECOND);
        assertThat(quiet.events(EventKind.WRITEBACK)).isEmpty();
        assertThat(quiet.cache.nrDirty()).isEqualTo(1);
        quiet.cache.checkInvariants();
    }

    @Test
    void fsyncWritesEachContiguousRunAsOneRequestAndWaitsForAll() {
        Inode file = rig.fs.create("/home/db", 0, rig.ssd, null);
        write(file, 0, "a".repeat(3 * 4096)); // pages 0, 1, 2
        write(file, 5 * 4096, "b");            // page 5
        long cost = rig.step(() -> rig.cache.fsync(file, PID, CPU));
        assertThat(writebacks()).extracting(e -> e.longField("index") + "+" + e.longField("pages"))
                .containsExactly("0+3", "5+1");
        // the disk transfers 3 pages (11444 ns) then 1 page (3814 ns) back to back; each completes
        // 100 us after its transfer, so fsync waits for the second: 11444 + 3814 + 100 us
        assertThat(cost).isEqualTo(11_444L + 3_814L + 100_000L);
        assertThat(rig.cache.nrDirty()).isZero();
        assertThat(rig.cache.nrWriteback()).isZero();
        assertThat(rig.vm(VmEvent.NR_WRITTEN)).isEqualTo(4);
        assertThat(file.diskByte(2 * 4096 + 4095)).isEqualTo((byte) 'a');
        assertThat(file.diskByte(5 * 4096)).isEqualTo((byte) 'b');
        assertThat(file.diskByte(4 * 4096)).isZero(); // the hole stays a hole
    }

    @Test
    void fsyncWaitsForAWriteInFlightBeforeWritingTheRedirtiedPage() {
        Inode file = rig.fs.create("/home/log", 0, rig.ssd, null);
        write(file, 0, "one");
        rig.step(() -> rig.cache.reclaim().pageout(rig.cache.findPage(file, 0), CPU));
        write(file, 0, "two"); // redirtied while under writeback: no stable pages, no wait
        long pfn = rig.cache.findPage(file, 0);
        assertThat(memMap.testFlag(pfn, PageFlags.PG_dirty)).isTrue();
        assertThat(memMap.testFlag(pfn, PageFlags.PG_writeback)).isTrue();
        long cost = rig.step(() -> rig.cache.fsync(file, PID, CPU));
        // WB_SYNC_ALL: wait for the first write (started 50 ns ago, before the write() step),
        // then write again and wait: two page I/Os less those 50 ns
        assertThat(cost).isEqualTo(2 * PAGE_IO - 50);
        assertThat(file.diskByte(0)).isEqualTo((byte) 't');
        assertThat(rig.vm(VmEvent.NR_WRITTEN)).isEqualTo(2);
        rig.cache.checkInvariants();
    }

    @Test
    void syncWritesEveryFileAndWaitsForTheLast() {
        Inode a = rig.fs.create("/a", 0, rig.ssd, null);
        Inode b = rig.fs.create("/b", 0, rig.ssd, null);
        write(a, 0, "x");
        write(b, 0, "y");
        long cost = rig.step(() -> rig.cache.sync(PID, CPU));
        assertThat(writebacks()).extracting(e -> e.stringField("file")).containsExactly("/a", "/b");
        // one disk: the second transfer waits for the first, their latencies overlap
        assertThat(cost).isEqualTo(PAGE_IO + (PAGE_IO - 100_000L));
        assertThat(rig.cache.nrDirty() + rig.cache.nrWriteback()).isZero();
    }

    @Test
    void partialWriteOfAnUncachedPageInsideTheFileReadsItFirst() {
        Inode file = rig.file("/data/f", 4);
        long cost = rig.step(() -> rig.fileIo.write(file, 4096 + 10, "Z".getBytes(), PID, CPU));
        assertThat(cost).isEqualTo(PAGE_IO + 50); // the read of page 1, then one memory access
        byte[] page = rig.stepGet(() -> rig.fileIo.read(file, 4096, 4096, PID, CPU));
        assertThat(page[10]).isEqualTo((byte) 'Z');
        assertThat(page[11]).isEqualTo(CacheRig.expectedByte(4096 + 11)); // the rest came from disk
        assertThat(rig.events(EventKind.PAGE_CACHE_MISS)).hasSize(1);
    }

    @Test
    void wholePageAndPastEndOfFileWritesReadNothing() {
        Inode file = rig.file("/data/f", 4);
        long whole = rig.step(() -> rig.fileIo.write(file, 2 * 4096, new byte[4096], PID, CPU));
        long pastEnd = rig.step(() -> rig.fileIo.write(file, 10 * 4096 + 7, "q".getBytes(), PID, CPU));
        assertThat(whole).isEqualTo(50);
        assertThat(pastEnd).isEqualTo(50);
        assertThat(rig.vm(VmEvent.PGPGIN)).isZero();
        assertThat(file.size()).isEqualTo(10 * 4096 + 8);
    }

    @Test
    void dirtyInodeIsWrittenOnlyOnceItExpiresEvenIfRedirtied() {
        Inode file = rig.fs.create("/home/notes", 0, rig.ssd, null);
        write(file, 0, "a");
        rig.runUntil(20 * SECOND);
        write(file, 4096, "b"); // the inode is already dirty: dirtied_when stays 0 s
        assertThat(rig.cache.mapping(file).dirtiedWhen()).isZero();
        rig.runUntil(30 * SECOND);
        assertThat(writebacks()).hasSize(1);
        assertThat(writebacks().get(0).longField("pages")).isEqualTo(2); // the whole inode goes
        assertThat(writebacks().get(0).time()).isEqualTo(30 * SECOND);
    }
}
