package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.mmap.MappedFile;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.readahead.FileRaState;
import io.mmspec.runtime.mm.readahead.MmapReadahead;

/**
 * Page faults on file mappings, the page-cache side. Mirrors mm/filemap.c: filemap_fault()
 * and the page test of filemap_map_pages() (next_uptodate_folio()), and mm/shmem.c:
 * shmem_fault() for shared anonymous memory (a new page is zero; no I/O, no readahead).
 *
 * <pre>
 *   page cached     do_async_mmap_readahead() (a PG_readahead hit starts the next window),
 *                   then wait if its read is still in flight: minor, the wait is charged
 *   page not cached VM_FAULT_MAJOR: do_sync_mmap_readahead(), then the page (read alone if
 *                   readahead did not bring it), and wait for its read
 * </pre>
 * The fault that waited for a page (lock_folio_maybe_drop_mmap()) is retried in the kernel
 * with FAULT_FLAG_TRIED, which mm_account_fault() counts as a major fault of the task
 * (maj_flt) though not in vmstat pgmajfault; {@link #lastWaitNs()} lets the fault handler tell.
 */
final class FilemapFault {
    private final MemMap memMap;
    private final Mappings mappings;
    private final ReadIo readIo;
    private final IoClock io;
    private final ReadPath readPath;
    private final MmapReadahead mmapReadahead;
    private final RaControl ractl;
    private boolean lastMajor;
    private long lastWaitNs;

    FilemapFault(MemMap memMap, Mappings mappings, ReadIo readIo, IoClock io, ReadPath readPath,
                 MmapReadahead mmapReadahead, RaControl ractl) {
        this.memMap = memMap;
        this.mappings = mappings;
        this.readIo = readIo;
        this.io = io;
        this.readPath = readPath;
        this.mmapReadahead = mmapReadahead;
        this.ractl = ractl;
    }

    /**
     * filemap_fault() for file page {@code pgoff} in a VMA with {@code vmFlags} mapping file
     * pages [vmaStartPgoff, vmaEndPgoff). Returns the uptodate page, or
     * {@link AddressSpace#NONE} when no page could be allocated (VM_FAULT_OOM). The caller has
     * checked that {@code pgoff} is inside the file (else SIGBUS).
     */
    long fault(MappedFile file, long pgoff, long vmFlags, long vmaStartPgoff, long vmaEndPgoff, int pid, int cpu) {
        lastMajor = false;
        lastWaitNs = 0;
        AddressSpace space = mappings.mapping(file);
        if (!(file instanceof Inode inode)) {
            return shmemFault(space, pgoff, cpu);
        }
        FileRaState ra = readPath.raState(pid, space);
        long pfn = space.lookup(pgoff);
        if (pfn != AddressSpace.NONE) {
            mmapReadahead.doAsync(ractl.of(space, inode, pid, cpu), ra, vmFlags, pgoff);
        } else {
            lastMajor = true;
            mmapReadahead.doSync(ractl.of(space, inode, pid, cpu), ra, vmFlags, pgoff, vmaStartPgoff, vmaEndPgoff);
            pfn = space.lookup(pgoff);
            if (pfn == AddressSpace.NONE) {
                pfn = readPath.readOnePage(space, inode, pgoff, Gfp.GFP_HIGHUSER_MOVABLE, cpu);
                if (pfn == AddressSpace.NONE) {
                    return AddressSpace.NONE;
                }
            }
            readPath.traceMiss(space, pgoff, pfn, pid, cpu);
        }
        lastWaitNs = readPath.waitLocked(pfn);
        return pfn;
    }

    /** shmem_fault(): the page of a shared anonymous mapping, zero when new. */
    private long shmemFault(AddressSpace space, long pgoff, int cpu) {
        long pfn = space.lookup(pgoff);
        if (pfn == AddressSpace.NONE) {
            pfn = mappings.addNewPage(space, pgoff, Gfp.GFP_HIGHUSER_MOVABLE, cpu, false);
        }
        return pfn;
    }

    /**
     * filemap_map_pages()' test of one page for fault-around: the page at {@code index} if it
     * is cached, uptodate, not locked, not marked PG_readahead (that one must fault, to start
     * the next window) and inside the file; else {@link AddressSpace#NONE}. Each page returned
     * that is not PG_workingset counts as an mmap hit (mmap_miss - 1).
     */
    long mapPage(MappedFile file, long index, int pid) {
        AddressSpace space = mappings.existing(file);
        if (space == null) {
            return AddressSpace.NONE;
        }
        long pfn = space.lookup(index);
        if (pfn == AddressSpace.NONE || !readIo.isUptodate(pfn, io.taskNow())
                || memMap.testFlag(pfn, PageFlags.PG_readahead)
                || index >= (file.size() + 4095) >>> 12) {
            return AddressSpace.NONE;
        }
        if (file instanceof Inode && !memMap.testFlag(pfn, PageFlags.PG_workingset)) {
            readPath.raState(pid, space).mmapHits(1);
        }
        return pfn;
    }

    /** The last fault found no page (VM_FAULT_MAJOR: it started the read). */
    boolean lastMajor() {
        return lastMajor;
    }

    /** How long the last fault waited for a read in flight. */
    long lastWaitNs() {
        return lastWaitNs;
    }
}
