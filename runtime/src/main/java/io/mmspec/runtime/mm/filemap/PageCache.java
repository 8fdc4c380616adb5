package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.RequestQueue;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.mmap.MappedFile;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.readahead.Fadvise;
import io.mmspec.runtime.mm.readahead.FileRaState;
import io.mmspec.runtime.mm.readahead.MmapReadahead;
import io.mmspec.runtime.mm.readahead.Readahead;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;
import java.util.Collection;

/**
 * The page cache: every file's {@link AddressSpace}, the paths that fill it (read(), faults,
 * readahead, in simulated time), dirty pages and their writeback, the flusher, dirty
 * throttling, drop_caches, fadvise, and what reclaim may do to its pages. Mirrors
 * mm/filemap.c, mm/page-writeback.c, mm/truncate.c, mm/fadvise.c, mm/workingset.c and
 * fs/fs-writeback.c; each part says which functions it mirrors.
 *
 * <p>Times: a task's operation happens at clock + what its step has charged so far; I/O it
 * waits for is charged to the machine's {@link CostMeter}. Reads and writes complete as
 * {@link EventQueue} events.
 */
public final class PageCache {
    private final MemMap memMap;
    private final IoClock io;
    private final VmEventCounters events;
    private final Workingset workingset;
    private final Mappings mappings;
    private final ReadIo readIo;
    private final Writeback writeback;
    private final DirtyLimits limits;
    private final Flusher flusher;
    private final DirtyThrottle throttle;
    private final Invalidate invalidate;
    private final ReadPath readPath;
    private final FilemapGetPages getPages;
    private final FilemapFault fault;
    private final GenericFadvise fadvise;
    private final PageCacheReclaim reclaim;

    public PageCache(PageAllocator allocator, SimClock clock, EventQueue queue, CostMeter meter,
                     VmEventCounters events, Trace trace, DirtyConfig dirtyConfig) {
        this(allocator, clock, queue, meter, events, trace, dirtyConfig, new RequestQueue());
    }

    /** A page cache whose disks share {@code devices} with other users of the block layer (swap). */
    public PageCache(PageAllocator allocator, SimClock clock, EventQueue queue, CostMeter meter,
                     VmEventCounters events, Trace trace, DirtyConfig dirtyConfig, RequestQueue devices) {
        this.memMap = allocator.memMap();
        this.io = new IoClock(clock, meter);
        this.events = events;
        FileLru noLru = new NoFileLru(this::nrFilePages);
        this.workingset = new Workingset(memMap, events, noLru);
        this.mappings = new Mappings(allocator, workingset);
        mappings.setLru(noLru);
        this.readIo = new ReadIo(memMap, devices, queue, events);
        this.writeback = new Writeback(memMap, devices, queue, events, trace, io, readIo, mappings);
        this.limits = new DirtyLimits(allocator, mappings, dirtyConfig);
        this.flusher = new Flusher(queue, io, mappings, writeback, limits, dirtyConfig);
        writeback.onInodeDirtied(flusher::inodeDirtied);
        this.throttle = new DirtyThrottle(writeback, limits, flusher, io, allocator.cpus());
        this.invalidate = new Invalidate(memMap, mappings);
        this.readPath = new ReadPath(mappings, readIo, io, trace);
        RaControl ractl = new RaControl(memMap, mappings, readIo, io);
        Readahead readahead = new Readahead(trace);
        this.getPages = new FilemapGetPages(memMap, readIo, io, readPath, readahead, ractl);
        this.fault = new FilemapFault(memMap, mappings, readIo, io, readPath, new MmapReadahead(readahead), ractl);
        this.fadvise = new GenericFadvise(readahead, ractl, writeback, invalidate, io);
        this.reclaim = new PageCacheReclaim(memMap, mappings, writeback, workingset, io);
    }

    /**
     * The constructor of the virtual-memory slice, kept until the machine passes its clock:
     * with a private clock and event queue no read or write ever completes.
     *
     * @deprecated use {@link #PageCache(PageAllocator, SimClock, EventQueue, CostMeter,
     *             VmEventCounters, Trace, DirtyConfig)} with the machine's clock and queue
     */
    @Deprecated
    public PageCache(PageAllocator allocator, CostMeter meter, VmEventCounters events, Trace trace) {
        this(allocator, new SimClock(), meter, events, trace);
    }

    private PageCache(PageAllocator allocator, SimClock privateClock, CostMeter meter, VmEventCounters events,
                      Trace trace) {
        this(allocator, privateClock, new EventQueue(privateClock), meter, events, trace, DirtyConfig.defaults());
    }

    /** Wires the LRU lists of mm/vmscan in (until then: no lists). */
    public void setFileLru(FileLru lru) {
        mappings.setLru(lru);
        workingset.setLru(lru);
    }

    /** Wires folio_mkclean() of the reverse map in (until then: PTEs stay writable after writeback). */
    public void setPageMkclean(PageMkclean mkclean) {
        writeback.setMkclean(mkclean);
    }

    // ---- lookups ------------------------------------------------------------------------------

    /** The file's address_space (inode-&gt;i_mapping), created on first use. */
    public AddressSpace mapping(MappedFile file) {
        return mappings.mapping(file);
    }

    public Collection<AddressSpace> mappings() {
        return mappings.all();
    }

    /** filemap_get_entry(): the cached pfn of page {@code index}, without any I/O. */
    public long findPage(MappedFile file, long index) {
        AddressSpace space = mappings.existing(file);
        return space == null ? AddressSpace.NONE : space.lookup(index);
    }

    /** The readahead state of {@code pid}'s file (per process and file; see RaStates). */
    public FileRaState raState(int pid, MappedFile file) {
        return readPath.raState(pid, mappings.mapping(file));
    }

    // ---- the fault path -------------------------------------------------------------------------

    /**
     * filemap_fault(): the page for a fault on file page {@code pgoff} of a VMA with
     * {@code vmFlags} that maps file pages [vmaStartPgoff, vmaEndPgoff), with mmap readahead,
     * waiting (and charging) for its read. Returns {@link AddressSpace#NONE} when no memory
     * was left (VM_FAULT_OOM). See {@link #lastWasMiss()} and {@link #lastIoNs()}.
     */
    public long filemapFault(MappedFile file, long pgoff, long vmFlags, long vmaStartPgoff, long vmaEndPgoff,
                             int pid, int cpu) {
        return fault.fault(file, pgoff, vmFlags, vmaStartPgoff, vmaEndPgoff, pid, cpu);
    }

    /**
     * The page a fault on {@code index} needs, as a fault on a mapping with no madvise flags.
     *
     * @deprecated use {@link #filemapFault}, which knows the VMA's flags and bounds
     */
    @Deprecated
    public long getPage(MappedFile file, long index, int pid, int cpu) {
        return fault.fault(file, index, 0, 0, Long.MAX_VALUE, pid, cpu);
    }

    /** True if the last fault found no page and started its read (VM_FAULT_MAJOR, pgmajfault). */
    public boolean lastWasMiss() {
        return fault.lastMajor();
    }

    /** How long the last fault waited for its page's read. */
    public long lastIoNs() {
        return fault.lastWaitNs();
    }

    /** filemap_map_pages()' test for fault-around: the pfn to map at {@code index}, or NONE. */
    public long mapPagesAround(MappedFile file, long index, int pid) {
        return fault.mapPage(file, index, pid);
    }

    // ---- read(), write() ------------------------------------------------------------------------

    FilemapGetPages getPages() {
        return getPages;
    }

    ReadPath readPath() {
        return readPath;
    }

    /** A new page whose contents will be written whole (or lie past the old end of file). */
    long newUptodatePage(AddressSpace space, long index, Gfp gfp, int cpu) {
        return mappings.addNewPage(space, index, gfp, cpu, false);
    }

    FileLru lru() {
        return mappings.lru();
    }

    // ---- dirty pages and writeback --------------------------------------------------------------

    /** folio_mark_dirty() by no task in particular (unmap of a dirty PTE, a shared write fault). */
    public void markDirty(long pfn) {
        writeback.markDirty(pfn, io.taskNow());
    }

    /** folio_mark_dirty() by task {@code pid} on {@code cpu}, which counts toward its throttling. */
    public void markDirty(long pfn, int pid, int cpu) {
        if (writeback.markDirty(pfn, io.taskNow())) {
            throttle.accountDirtied(pid, cpu);
        }
    }

    /** balance_dirty_pages_ratelimited() after a task dirtied a page of {@code file}: returns the pause. */
    public long balanceDirtyPagesRatelimited(MappedFile file, int pid, int cpu) {
        return file instanceof Inode ? throttle.balanceRatelimited(pid, cpu) : 0;
    }

    /** fsync(2): writes every dirty page of the file and waits for all its writeback; returns pages written. */
    public long fsync(MappedFile file, int pid, int cpu) {
        AddressSpace space = mappings.existing(file);
        return space == null ? 0 : writeback.fsync(space, pid, cpu);
    }

    /** fsync(2), under its earlier name. */
    public int writebackFile(MappedFile file, int pid, int cpu) {
        return (int) fsync(file, pid, cpu);
    }

    /** wakeup_flusher_threads(): reclaim met only dirty pages; the flusher starts writing now. */
    public void wakeupFlusher() {
        flusher.wakeup(io.kernelNow());
    }

    /** sync(2): every dirty page of every file written, then all of it waited for; returns pages written. */
    public long sync(int pid, int cpu) {
        return writeback.sync(mappings.all(), pid, cpu);
    }

    /** posix_fadvise(2) by {@code pid} on {@code file}; {@code len} 0 is to the end. */
    public void fadvise(MappedFile file, long offset, long len, Fadvise advice, int pid, int cpu) {
        if (file instanceof Inode inode) {
            AddressSpace space = mappings.mapping(file);
            fadvise.fadvise(space, inode, readPath.raState(pid, space), offset, len, advice, pid, cpu);
        }
    }

    /**
     * drop_caches=1 (fs/drop_caches.c): invalidate_mapping_pages() of every file: every clean,
     * unlocked, unmapped page is freed; dirty, writeback and mapped pages stay.
     */
    public long dropCleanUnmapped(int cpu) {
        long dropped = 0;
        for (AddressSpace space : mappings.all()) {
            dropped += invalidate.range(space, 0, Long.MAX_VALUE, cpu);
        }
        events.count(VmEvent.DROP_PAGECACHE);
        return dropped;
    }

    /** The task exited: its readahead states and dirty-throttling state go. */
    public void forgetTask(int pid) {
        readPath.raStates().forgetTask(pid);
        throttle.forgetTask(pid);
    }

    // ---- reclaim ------------------------------------------------------------------------------

    /** Reclaim's view of the cache's pages and the operations vmscan may ask for (one instance). */
    public PageCacheReclaim reclaim() {
        return reclaim;
    }

    /**
     * __remove_mapping() for reclaim: the clean, unmapped, unlocked file page {@code pfn} leaves
     * the cache with a workingset shadow entry and is freed. Throws if the page is dirty (its
     * data would be lost) or otherwise not removable. See {@link PageCacheReclaim#removeMapping}.
     */
    public void removeForReclaim(long pfn, int cpu) {
        reclaim.removeMapping(pfn, cpu);
    }

    /**
     * folio_migrate_mapping()'s xas_store(): migration moved page-cache page {@code oldPfn} to
     * {@code newPfn}; the cache entry follows. Call it after MemMap.migratePageData() (the new
     * page has the mapping and index) and before the old page is freed. Pages with I/O in
     * flight cannot move (migration skips locked and writeback pages).
     */
    public void replacePage(long oldPfn, long newPfn) {
        if (!(memMap.mapping(newPfn) instanceof AddressSpace space) || space.lookup(memMap.index(newPfn)) != oldPfn) {
            throw new IllegalStateException("pfn " + newPfn + " is no migration target of page-cache page " + oldPfn);
        }
        if (readIo.completion(oldPfn) >= 0 || writeback.completion(oldPfn) >= 0) {
            throw new IllegalStateException("page-cache page " + oldPfn + " has I/O in flight: it cannot migrate");
        }
        space.replace(memMap.index(newPfn), newPfn);
    }

    /**
     * shmem_evict_inode() → truncate_inode_pages(): every page of a shared anonymous object goes
     * when its last mapping does (no process maps it any more, and nothing writes it back).
     */
    public void truncate(MappedFile file, int cpu) {
        AddressSpace space = mappings.existing(file);
        if (space == null) {
            return;
        }
        for (long index : space.cachedIndexes()) {
            long pfn = space.lookup(index);
            if (memMap.mapcount(pfn) != 0) {
                throw new IllegalStateException("truncating " + file.path() + " while page " + index + " is mapped");
            }
            mappings.lru().delete(pfn);
            memMap.clearFlag(pfn, PageFlags.PG_dirty);
            mappings.deletePage(space, index, pfn, AddressSpace.NO_SHADOW);
            mappings.free(pfn, cpu);
        }
    }

    // ---- counters -------------------------------------------------------------------------------

    /** Pages cached over all files (NR_FILE_PAGES, shmem included, without the swap cache). */
    public long nrFilePages() {
        return mappings.nrFilePages();
    }

    /** Pages of shared anonymous memory in the cache (NR_SHMEM). */
    public long nrShmem() {
        return mappings.nrShmem();
    }

    /** Dirty page-cache pages (NR_FILE_DIRTY, meminfo Dirty). */
    public long nrDirty() {
        return writeback.nrFileDirty();
    }

    /** Pages under writeback (NR_WRITEBACK, meminfo Writeback). */
    public long nrWriteback() {
        return writeback.nrWriteback();
    }

    /** vmstat nr_dirty_threshold. */
    public long nrDirtyThreshold() {
        return limits.dirtyThreshold();
    }

    /** vmstat nr_dirty_background_threshold. */
    public long nrDirtyBackgroundThreshold() {
        return limits.backgroundThreshold();
    }

    /** When the flusher runs next, or -1 while it sleeps (nothing dirty). */
    public long flusherDueAt() {
        return flusher.pendingAt();
    }

    /** Recounts every page of the cache; throws IllegalStateException on any disagreement. */
    public void checkInvariants() {
        new PageCacheChecker(memMap, mappings, readIo, writeback).check();
        flusher.check();
    }
}
