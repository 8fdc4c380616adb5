package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.LongLongMap;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;
import java.util.function.LongConsumer;

/**
 * Dirty pages and their writeback. Mirrors mm/page-writeback.c: folio_mark_dirty() /
 * filemap_dirty_folio() with folio_account_dirtied() and __mark_inode_dirty(),
 * write_cache_pages() with folio_clear_dirty_for_io() and folio_start_writeback(), and
 * folio_end_writeback() as an I/O completion event.
 *
 * <pre>
 *   write() / shared fault    PG_dirty          NR_FILE_DIRTY+1, nr_dirtied+1, inode dirtied_when
 *   writeback submitted       PG_writeback      NR_FILE_DIRTY-1, NR_WRITEBACK+1, data to disk
 *   ... device busy ...       (redirtying is allowed: no stable pages)
 *   completion event          -                 NR_WRITEBACK-1, nr_written+1; PG_reclaim -&gt; rotate
 * </pre>
 * A run of contiguous dirty pages is one request (trace event {@code writeback}: file, index,
 * pages, io_ns, reason). WB_SYNC_NONE (the flusher) skips pages that are locked or already under
 * writeback; WB_SYNC_ALL (fsync, sync) waits for them. pgpgout counts KB written.
 */
final class Writeback {
    private final MemMap memMap;
    private final io.mmspec.runtime.fs.RequestQueue devices;
    private final EventQueue queue;
    private final VmEventCounters events;
    private final Trace trace;
    private final IoClock io;
    private final ReadIo readIo;
    private final Mappings mappings;
    private final LongLongMap inFlight = new LongLongMap();
    private final byte[] block = new byte[Inode.BLOCK];
    private long[] run = new long[64];
    private int runLength;
    private long runStart;
    private Pass pass;
    private LongConsumer inodeDirtied = now -> { };
    private PageMkclean mkclean = PageMkclean.NONE;
    private long nrFileDirty;
    private long nrWriteback;

    Writeback(MemMap memMap, io.mmspec.runtime.fs.RequestQueue devices, EventQueue queue, VmEventCounters events, Trace trace,
              IoClock io, ReadIo readIo, Mappings mappings) {
        this.memMap = memMap;
        this.devices = devices;
        this.queue = queue;
        this.events = events;
        this.trace = trace;
        this.io = io;
        this.readIo = readIo;
        this.mappings = mappings;
    }

    /** Who hears that a clean inode got its first dirty page (the flusher's wb_wakeup_delayed()). */
    void onInodeDirtied(LongConsumer listener) {
        this.inodeDirtied = listener;
    }

    void setMkclean(PageMkclean mkclean) {
        this.mkclean = mkclean;
    }

    /**
     * folio_mark_dirty(): sets PG_dirty. A page of a file on disk is accounted (NR_FILE_DIRTY,
     * nr_dirtied) and dirties its inode; shmem only sets the flag (noop_dirty_folio()).
     * Returns true if a file page went from clean to dirty.
     */
    boolean markDirty(long pfn, long now) {
        if (memMap.testAndSetFlag(pfn, PageFlags.PG_dirty)) {
            return false;
        }
        AddressSpace space = mappings.spaceOf(pfn);
        if (space == null || !space.canWriteback()) {
            return false;
        }
        nrFileDirty++;
        space.nrDirty++;
        events.count(VmEvent.NR_DIRTIED);
        if (space.dirtiedWhen < 0) {
            space.dirtiedWhen = now;
            inodeDirtied.accept(now);
        }
        return true;
    }

    /**
     * write_cache_pages() over pages [from, to] of {@code space}, from {@code now}. With
     * {@code syncAll} (WB_SYNC_ALL) the task waits for pages locked or under writeback and
     * writes them too; without, they are left for later. Returns the pages submitted.
     */
    long writeRange(AddressSpace space, long from, long to, boolean syncAll, String reason, long now, int pid, int cpu) {
        if (!(space.host() instanceof Inode inode) || (space.nrDirty == 0 && !syncAll)) {
            return 0;
        }
        pass = new Pass(space, inode, syncAll, reason, now, pid, cpu);
        runLength = 0;
        if (to - from < space.nrpages()) {
            for (long index = from; index <= to; index++) {
                visit(index);
            }
        } else {
            for (long index : space.cachedIndexes()) {
                if (index >= from && index <= to) {
                    visit(index);
                }
            }
        }
        submitRun();
        return pass.written;
    }

    /** The writeback pass in progress (write_cache_pages() is not re-entered). */
    private static final class Pass {
        final AddressSpace space;
        final Inode inode;
        final boolean syncAll;
        final String reason;
        final int pid;
        final int cpu;
        long now;
        long written;

        Pass(AddressSpace space, Inode inode, boolean syncAll, String reason, long now, int pid, int cpu) {
            this.space = space;
            this.inode = inode;
            this.syncAll = syncAll;
            this.reason = reason;
            this.now = now;
            this.pid = pid;
            this.cpu = cpu;
        }
    }

    /** One page of the pass: joins the current run, or ends it. */
    private void visit(long index) {
        long pfn = pass.space.lookup(index);
        if (pfn == AddressSpace.NONE || !memMap.testFlag(pfn, PageFlags.PG_dirty)) {
            submitRun();
            return;
        }
        if (memMap.testFlag(pfn, PageFlags.PG_locked) || memMap.testFlag(pfn, PageFlags.PG_writeback)) {
            submitRun();
            if (!pass.syncAll) {
                return;
            }
            io.waitUntil(Math.max(readIo.completion(pfn), inFlight.get(pfn, -1)));
            pass.now = io.taskNow();
            readIo.finishWaited(pfn); // the task saw the I/O end: its completion is in the past
            if (inFlight.containsKey(pfn)) {
                endPage(pass.space, pfn);
            }
        }
        if (runLength > 0 && index != runStart + runLength) {
            submitRun();
        }
        startWriteback(pass.space, index, pfn);
        addToRun(index, pfn);
        pass.written++;
    }

    /** file_write_and_wait_range() of a whole file: WB_SYNC_ALL writeback, then wait for all of it. */
    long fsync(AddressSpace space, int pid, int cpu) {
        long written = writeRange(space, 0, Long.MAX_VALUE, true, "fsync", io.taskNow(), pid, cpu);
        io.waitUntil(lastCompletion(space));
        return written;
    }

    /** ksys_sync(): WB_SYNC_ALL writeback of every file, then wait for every write in flight. */
    long sync(Iterable<AddressSpace> spaces, int pid, int cpu) {
        long written = 0;
        for (AddressSpace space : spaces) {
            written += writeRange(space, 0, Long.MAX_VALUE, true, "sync", io.taskNow(), pid, cpu);
        }
        long last = -1;
        for (AddressSpace space : spaces) {
            last = Math.max(last, lastCompletion(space));
        }
        io.waitUntil(last);
        return written;
    }

    /**
     * folio_clear_dirty_for_io() (folio_mkclean() of a mapped page first, so that later stores
     * dirty it again) + folio_start_writeback(); the disk gets the page's bytes.
     */
    private void startWriteback(AddressSpace space, long index, long pfn) {
        if (memMap.mapcount(pfn) > 0) {
            mkclean.mkclean(pfn);
        }
        memMap.clearFlag(pfn, PageFlags.PG_dirty);
        nrFileDirty--;
        if (--space.nrDirty == 0) {
            space.dirtiedWhen = -1; // the inode is clean again (its I_DIRTY_PAGES cleared)
        }
        memMap.setFlag(pfn, PageFlags.PG_writeback);
        nrWriteback++;
        space.nrWriteback++;
        memMap.readBytes(pfn, 0, block, 0, Inode.BLOCK);
        ((Inode) space.host()).writeBlock(index, block);
    }

    private void addToRun(long index, long pfn) {
        if (runLength == 0) {
            runStart = index;
        }
        if (runLength == run.length) {
            run = java.util.Arrays.copyOf(run, run.length * 2);
        }
        run[runLength++] = pfn;
    }

    /** submit_bio() of the current run as one write request. */
    private void submitRun() {
        if (runLength == 0) {
            return;
        }
        AddressSpace space = pass.space;
        Inode inode = pass.inode;
        long now = pass.now;
        long[] pfns = java.util.Arrays.copyOf(run, runLength);
        long done = devices.submit(inode.device(), (long) runLength * Inode.BLOCK, now);
        for (long pfn : pfns) {
            inFlight.put(pfn, done);
        }
        events.count(VmEvent.PGPGOUT, (long) runLength * Inode.BLOCK / 1024);
        trace.event(EventKind.WRITEBACK, pass.cpu, pass.pid).with("file", inode.path()).with("index", runStart)
                .with("pages", runLength).with("io_ns", done - now).with("reason", pass.reason).emit();
        queue.at(done, () -> endWriteback(space, pfns, done));
        runLength = 0;
    }

    /**
     * folio_end_writeback() of every page of a finished request (a page a WB_SYNC_ALL writer
     * already waited for and wrote again belongs to the newer request and is skipped).
     */
    private void endWriteback(AddressSpace space, long[] pfns, long done) {
        for (long pfn : pfns) {
            if (inFlight.get(pfn, -1) == done) {
                endPage(space, pfn);
            }
        }
    }

    private void endPage(AddressSpace space, long pfn) {
        inFlight.remove(pfn, -1);
        memMap.clearFlag(pfn, PageFlags.PG_writeback);
        nrWriteback--;
        space.nrWriteback--;
        events.count(VmEvent.NR_WRITTEN);
        if (memMap.testFlag(pfn, PageFlags.PG_reclaim)) {
            mappings.lru().rotateReclaimable(pfn); // clears PG_reclaim; rotates unless redirtied
            memMap.clearFlag(pfn, PageFlags.PG_reclaim);
        }
    }

    /** When the writeback of {@code pfn} completes, or -1 if none is in flight. */
    long completion(long pfn) {
        return inFlight.get(pfn, -1);
    }

    /** The latest completion of a writeback of {@code space}'s pages (file_fdatawait_range()). */
    long lastCompletion(AddressSpace space) {
        long last = -1;
        if (space.nrWriteback == 0) {
            return last;
        }
        for (long index : space.cachedIndexes()) {
            last = Math.max(last, inFlight.get(space.lookup(index), -1));
        }
        return last;
    }

    /** NR_FILE_DIRTY. */
    long nrFileDirty() {
        return nrFileDirty;
    }

    /** NR_WRITEBACK. */
    long nrWriteback() {
        return nrWriteback;
    }

    /** The in-flight record of {@code pfn} agrees with PG_writeback. */
    void check(long pfn) {
        if (memMap.testFlag(pfn, PageFlags.PG_writeback) != inFlight.containsKey(pfn)) {
            throw new IllegalStateException("pfn " + pfn + ": PG_writeback and the writes in flight disagree");
        }
    }
}
