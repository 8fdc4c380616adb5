package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.readahead.FileRaState;
import io.mmspec.runtime.mm.readahead.RaStates;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.Trace;

/**
 * What read(), faults and write() share to get a page in: the readahead state of a task's
 * file, reading one page without readahead (mm/filemap.c: filemap_create_folio() and the
 * page_not_uptodate path of filemap_fault(), both through filemap_read_folio()), and waiting
 * for a page whose read is in flight (folio_wait_locked()).
 */
final class ReadPath {
    private final Mappings mappings;
    private final ReadIo readIo;
    private final IoClock io;
    private final Trace trace;
    private final RaStates raStates = new RaStates();

    ReadPath(Mappings mappings, ReadIo readIo, IoClock io, Trace trace) {
        this.mappings = mappings;
        this.readIo = readIo;
        this.io = io;
        this.trace = trace;
    }

    /** The readahead state of {@code pid}'s file (file-&gt;f_ra), ra_pages from the file's disk. */
    FileRaState raState(int pid, AddressSpace space) {
        int raPages = space.host() instanceof Inode inode ? inode.device().raPages() : 0;
        return raStates.get(pid, space.id(), raPages);
    }

    RaStates raStates() {
        return raStates;
    }

    /**
     * Adds page {@code index} locked and submits its read (one page, one request); returns the
     * pfn, or {@link AddressSpace#NONE} if no page could be allocated. The caller waits.
     */
    long readOnePage(AddressSpace space, Inode inode, long index, Gfp gfp, int cpu) {
        long pfn = mappings.addNewPage(space, index, gfp, cpu, true);
        if (pfn != AddressSpace.NONE) {
            readIo.submit(space, inode, index, 1, io.taskNow());
        }
        return pfn;
    }

    /** folio_wait_locked(): the task sleeps until the read filling {@code pfn} completes. */
    long waitLocked(long pfn) {
        long done = readIo.completion(pfn);
        return done < 0 ? 0 : io.waitUntil(done);
    }

    /** The time a task that starts waiting for {@code pfn} now will wait. */
    long remaining(long pfn) {
        long done = readIo.completion(pfn);
        return done < 0 ? 0 : Math.max(0, done - io.taskNow());
    }

    /** Trace event page_cache_miss: the task's access found no page and started its read. */
    void traceMiss(AddressSpace space, long index, long pfn, int pid, int cpu) {
        trace.event(EventKind.PAGE_CACHE_MISS, cpu, pid)
                .with("file", space.host().path()).with("index", index).with("pfn", pfn)
                .with("io_ns", remaining(pfn)).emit();
    }
}
