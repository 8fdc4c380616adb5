package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.LongLongMap;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * Reads from the disk into page-cache pages: the -&gt;readahead / -&gt;read_folio I/O of
 * mm/readahead.c: read_pages() and mm/filemap.c: filemap_read_folio(), down to the completion
 * that unlocks the pages (folio_end_read()).
 *
 * <pre>
 *   submit (time t)        pages PG_locked, not uptodate; data copied from the disk
 *   ... device busy ...    a reader of such a page waits until done (folio_wait_locked)
 *   complete (time done)   an event: PG_locked cleared, PG_uptodate set
 * </pre>
 * A batch of contiguous pages is one request. pgpgin counts KB read.
 */
final class ReadIo {
    private final MemMap memMap;
    private final io.mmspec.runtime.fs.RequestQueue devices;
    private final EventQueue queue;
    private final VmEventCounters events;
    private final LongLongMap inFlight = new LongLongMap();
    private final byte[] block = new byte[Inode.BLOCK];

    ReadIo(MemMap memMap, io.mmspec.runtime.fs.RequestQueue devices, EventQueue queue, VmEventCounters events) {
        this.memMap = memMap;
        this.devices = devices;
        this.queue = queue;
        this.events = events;
    }

    /**
     * Reads pages [start, start + count) of {@code inode}, already added locked to
     * {@code space}, as one request submitted at {@code now}. Returns the completion time.
     */
    long submit(AddressSpace space, Inode inode, long start, int count, long now) {
        long[] pfns = new long[count];
        for (int i = 0; i < count; i++) {
            long pfn = space.lookup(start + i);
            if (pfn == AddressSpace.NONE || !memMap.testFlag(pfn, PageFlags.PG_locked)) {
                throw new IllegalStateException(space + "[" + (start + i) + "] is not a locked new page");
            }
            if (!inode.isBlockZero(start + i)) {
                inode.readBlock(start + i, block);
                memMap.writeBytes(pfn, 0, block, 0, Inode.BLOCK);
            }
            pfns[i] = pfn;
        }
        long done = devices.submit(inode.device(), (long) count * Inode.BLOCK, now);
        for (long pfn : pfns) {
            inFlight.put(pfn, done);
        }
        events.count(VmEvent.PGPGIN, (long) count * Inode.BLOCK / 1024);
        queue.at(done, () -> complete(pfns, done));
        return done;
    }

    /** folio_end_read(): the request finished. */
    private void complete(long[] pfns, long done) {
        for (long pfn : pfns) {
            if (inFlight.get(pfn, -1) == done) {
                endRead(pfn);
            }
        }
    }

    private void endRead(long pfn) {
        inFlight.remove(pfn, -1);
        memMap.clearFlag(pfn, PageFlags.PG_locked);
        memMap.setFlag(pfn, PageFlags.PG_uptodate);
    }

    /**
     * A task waited for the read of {@code pfn} within its step and now changes the page's
     * state: the completion, already in the task's past, is applied now (its event then finds
     * nothing left to do).
     */
    void finishWaited(long pfn) {
        if (inFlight.containsKey(pfn)) {
            endRead(pfn);
        }
    }

    /** When the read filling {@code pfn} completes, or -1 if none is in flight. */
    long completion(long pfn) {
        return inFlight.get(pfn, -1);
    }

    /**
     * folio_test_uptodate() as seen at {@code now}: a page whose read completes by then is
     * uptodate for the task even if the completion event has not run yet.
     */
    boolean isUptodate(long pfn, long now) {
        long done = inFlight.get(pfn, -1);
        return done < 0 ? memMap.testFlag(pfn, PageFlags.PG_uptodate) : done <= now;
    }

    /** Pages with a read in flight. */
    int inFlightPages() {
        return inFlight.size();
    }

    /** Every page with a read in flight is locked and not uptodate, and the reverse. */
    void check(long pfn) {
        boolean locked = memMap.testFlag(pfn, PageFlags.PG_locked);
        if (locked != inFlight.containsKey(pfn)) {
            throw new IllegalStateException("pfn " + pfn + (locked ? " is locked with no read in flight"
                    : " has a read in flight but is not locked"));
        }
        if (locked == memMap.testFlag(pfn, PageFlags.PG_uptodate)) {
            throw new IllegalStateException("pfn " + pfn + (locked ? " is locked for a read but uptodate"
                    : " is neither locked nor uptodate"));
        }
    }
}
