package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.mmap.MappedFile;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page cache: every file's {@link AddressSpace}, the read path that fills it from the
 * disk, and writeback. Mirrors mm/filemap.c: filemap_get_folio(), __filemap_add_folio(),
 * filemap_read_folio(), and mm/page-writeback.c's folio_mark_dirty() / write_cache_pages().
 *
 * <p>A page-cache page holds one reference for the cache itself (refcount 1 while cached);
 * every PTE that maps it adds a mapcount and a reference, so it is freed only when it has
 * left the cache and no PTE maps it.
 */
public final class PageCache {
    private final PageAllocator allocator;
    private final MemMap memMap;
    private final CostMeter meter;
    private final VmEventCounters events;
    private final Trace trace;
    private final Map<MappedFile, AddressSpace> mappings = new LinkedHashMap<>();

    /** What the last {@link #getPage} did, for the fault handler's accounting and trace. */
    private boolean lastWasMiss;
    private long lastIoNs;

    public PageCache(PageAllocator allocator, CostMeter meter, VmEventCounters events, Trace trace) {
        this.allocator = allocator;
        this.memMap = allocator.memMap();
        this.meter = meter;
        this.events = events;
        this.trace = trace;
    }

    /** The file's address_space (inode->i_mapping), created on first use. */
    public AddressSpace mapping(MappedFile inode) {
        return mappings.computeIfAbsent(inode, AddressSpace::new);
    }

    public Collection<AddressSpace> mappings() {
        return Collections.unmodifiableCollection(mappings.values());
    }

    /** filemap_get_entry(): the cached pfn of page {@code index}, without any I/O. */
    public long findPage(MappedFile inode, long index) {
        AddressSpace space = mappings.get(inode);
        return space == null ? AddressSpace.NONE : space.lookup(index);
    }

    /**
     * filemap_fault()'s lookup: returns the pfn caching page {@code index}, reading it from
     * the disk on a miss (the caller pays the device's latency and transfer time), or
     * {@link AddressSpace#NONE} if no page could be allocated.
     */
    public long getPage(MappedFile inode, long index, int pid, int cpu) {
        AddressSpace space = mapping(inode);
        long pfn = space.lookup(index);
        lastWasMiss = false;
        lastIoNs = 0;
        if (pfn != AddressSpace.NONE) {
            return pfn;
        }
        pfn = allocator.allocPages(0, Gfp.GFP_HIGHUSER_MOVABLE, cpu);
        if (pfn < 0) {
            return AddressSpace.NONE;
        }
        if (inode instanceof Inode file) {
            readFromDisk(file, index, pfn);
        }
        memMap.setMapping(pfn, space, false);
        memMap.setIndex(pfn, index);
        memMap.setFlag(pfn, PageFlags.PG_uptodate);
        space.insert(index, pfn);
        lastWasMiss = inode instanceof Inode; // a new shmem page needs no I/O: minor
        trace.event(EventKind.PAGE_CACHE_MISS, cpu, pid)
                .with("file", inode.path()).with("index", index).with("pfn", pfn)
                .with("io_ns", lastIoNs).emit();
        return pfn;
    }

    /** True if the last {@link #getPage} had to read from the disk (a major fault). */
    public boolean lastWasMiss() {
        return lastWasMiss;
    }

    /** Device time the last {@link #getPage} waited for. */
    public long lastIoNs() {
        return lastIoNs;
    }

    private void readFromDisk(Inode inode, long index, long pfn) {
        long cost = inode.device().requestNs(Inode.BLOCK);
        meter.charge(cost);
        lastIoNs = cost;
        events.count(VmEvent.PGPGIN, Inode.BLOCK / 1024);
        if (!inode.isBlockZero(index)) {
            byte[] block = new byte[Inode.BLOCK];
            inode.readBlock(index, block);
            memMap.writeBytes(pfn, 0, block, 0, Inode.BLOCK);
        }
    }

    /** folio_migrate_mapping(): the cache slot of page {@code index} now holds {@code newPfn}. */
    public void replacePage(AddressSpace space, long index, long oldPfn, long newPfn) {
        if (space.lookup(index) != oldPfn) {
            throw new IllegalStateException(space + "[" + index + "] does not hold pfn " + oldPfn);
        }
        space.insert(index, newPfn);
    }

    /** folio_mark_dirty(): the page differs from the disk until writeback. */
    public void markDirty(long pfn) {
        if (!memMap.testFlag(pfn, PageFlags.PG_dirty)) {
            memMap.setFlag(pfn, PageFlags.PG_dirty);
            events.count(VmEvent.NR_DIRTIED);
        }
    }

    /** Writes one dirty page back to its file (the I/O of write_cache_pages), cleaning it. */
    public void writeback(AddressSpace space, long index, long pfn, int pid, int cpu) {
        if (!(space.host() instanceof Inode inode)) {
            return; // shmem has no backing file (it would go to swap)
        }
        byte[] block = new byte[Inode.BLOCK];
        memMap.readBytes(pfn, 0, block, 0, Inode.BLOCK);
        inode.writeBlock(index, block);
        long cost = inode.device().requestNs(Inode.BLOCK);
        meter.charge(cost);
        memMap.clearFlag(pfn, PageFlags.PG_dirty);
        events.count(VmEvent.PGPGOUT, Inode.BLOCK / 1024);
        events.count(VmEvent.NR_WRITTEN);
        trace.event(EventKind.WRITEBACK, cpu, pid)
                .with("file", inode.path()).with("index", index).with("io_ns", cost).emit();
    }

    /** Writes back every dirty page of {@code inode} (fsync, or sync for every file). */
    public int writebackFile(MappedFile inode, int pid, int cpu) {
        AddressSpace space = mappings.get(inode);
        if (space == null) {
            return 0;
        }
        int written = 0;
        for (long index : space.cachedIndexes()) {
            long pfn = space.lookup(index);
            if (memMap.testFlag(pfn, PageFlags.PG_dirty)) {
                writeback(space, index, pfn, pid, cpu);
                written++;
            }
        }
        return written;
    }

    /**
     * drop_caches=1 (fs/drop_caches.c → invalidate_mapping_pages()): drops every clean page
     * that no process maps; dirty and mapped pages stay. Returns how many pages were freed.
     */
    public long dropCleanUnmapped(int cpu) {
        long dropped = 0;
        for (AddressSpace space : mappings.values()) {
            for (long index : space.cachedIndexes()) {
                long pfn = space.lookup(index);
                if (!memMap.testFlag(pfn, PageFlags.PG_dirty) && memMap.mapcount(pfn) == 0) {
                    space.remove(index);
                    memMap.setMapping(pfn, null, false);
                    allocator.freePages(pfn, 0, cpu); // the cache's reference was the last
                    dropped++;
                }
            }
        }
        events.count(VmEvent.DROP_PAGECACHE);
        return dropped;
    }

    /** Pages cached over all files (NR_FILE_PAGES, without the swap cache). */
    public long nrFilePages() {
        long total = 0;
        for (AddressSpace space : mappings.values()) {
            total += space.nrpages();
        }
        return total;
    }

    /** Dirty page-cache pages (NR_FILE_DIRTY). */
    public long nrDirty() {
        long dirty = 0;
        for (AddressSpace space : mappings.values()) {
            for (long index : space.cachedIndexes()) {
                if (memMap.testFlag(space.lookup(index), PageFlags.PG_dirty)) {
                    dirty++;
                }
            }
        }
        return dirty;
    }

    /** Every cached page is an allocated frame that points back to its mapping and index. */
    public void checkInvariants() {
        for (AddressSpace space : mappings.values()) {
            for (long index : space.cachedIndexes()) {
                long pfn = space.lookup(index);
                if (memMap.mapping(pfn) != space || memMap.index(pfn) != index) {
                    throw new IllegalStateException("page cache entry " + space + "[" + index
                            + "] -> pfn " + pfn + " does not point back to it");
                }
                if (memMap.isFree(pfn)) {
                    throw new IllegalStateException("page cache holds free pfn " + pfn);
                }
            }
        }
    }
}
