package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.readahead.ReadaheadControl;

/**
 * The page cache side of a readahead (struct readahead_control): one reusable instance, aimed
 * at a file before each use, so a fault allocates nothing to ask for readahead. New pages are
 * allocated with readahead_gfp_mask(): the mapping's GFP_HIGHUSER_MOVABLE, __GFP_NORETRY and
 * __GFP_NOWARN (readahead gives up rather than push hard on reclaim).
 */
final class RaControl implements ReadaheadControl {
    static final Gfp READAHEAD_GFP = Gfp.GFP_HIGHUSER_MOVABLE.or(Gfp.__GFP_NORETRY).or(Gfp.__GFP_NOWARN);

    private final MemMap memMap;
    private final Mappings mappings;
    private final ReadIo readIo;
    private final IoClock io;
    private AddressSpace space;
    private Inode inode;
    private int pid;
    private int cpu;

    RaControl(MemMap memMap, Mappings mappings, ReadIo readIo, IoClock io) {
        this.memMap = memMap;
        this.mappings = mappings;
        this.readIo = readIo;
        this.io = io;
    }

    /** DEFINE_READAHEAD(): aims the control at a file for the task {@code pid} on {@code cpu}. */
    RaControl of(AddressSpace space, Inode inode, int pid, int cpu) {
        this.space = space;
        this.inode = inode;
        this.pid = pid;
        this.cpu = cpu;
        return this;
    }

    @Override
    public String path() {
        return inode.path();
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public int cpu() {
        return cpu;
    }

    @Override
    public long size() {
        return inode.size();
    }

    @Override
    public int ioPages() {
        return inode.device().raPages();
    }

    @Override
    public boolean isCached(long index) {
        return space.lookup(index) != AddressSpace.NONE;
    }

    @Override
    public boolean testReadahead(long index) {
        return memMap.testFlag(space.lookup(index), PageFlags.PG_readahead);
    }

    @Override
    public boolean testWriteback(long index) {
        return memMap.testFlag(space.lookup(index), PageFlags.PG_writeback);
    }

    @Override
    public void clearReadahead(long index) {
        memMap.clearFlag(space.lookup(index), PageFlags.PG_readahead);
    }

    @Override
    public boolean addLockedPage(long index, boolean readaheadMark) {
        long pfn = mappings.addNewPage(space, index, READAHEAD_GFP, cpu, true);
        if (pfn == AddressSpace.NONE) {
            return false;
        }
        if (readaheadMark) {
            memMap.setFlag(pfn, PageFlags.PG_readahead);
        }
        return true;
    }

    @Override
    public void readPages(long start, int count) {
        readIo.submit(space, inode, start, count, io.taskNow());
    }
}
