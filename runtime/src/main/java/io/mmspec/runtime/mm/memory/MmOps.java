package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.PageTable;
import io.mmspec.runtime.arch.PageTableAllocator;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.PageRangeOps;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.sim.Current;

/**
 * What the VMA code asks of the page tables: unmap a range (munmap, MAP_FIXED, brk shrink),
 * copy a VMA's page tables on fork, move them on mremap, and the overcommit check. Mirrors
 * the calls mm/vma.c and mm/mmap.c make into mm/memory.c (unmap_vmas, copy_page_range),
 * mm/mremap.c (move_page_tables) and mm/util.c (__vm_enough_memory).
 */
public final class MmOps implements PageRangeOps {
    private final Zap zap;
    private final CopyPageRange copy;
    private final Mmu mmu;
    private final Current current;
    private final Overcommit overcommit;
    private final PageTableAllocator tableAllocator;
    private HugeAnonFault huge;
    private io.mmspec.runtime.mm.filemap.PageCache pageCache;
    private io.mmspec.runtime.mm.mmap.FileRmap fileRmap;

    public MmOps(Zap zap, CopyPageRange copy, Mmu mmu, Current current, Overcommit overcommit,
                 PageTableAllocator tableAllocator) {
        this.tableAllocator = tableAllocator;
        this.zap = zap;
        this.copy = copy;
        this.mmu = mmu;
        this.current = current;
        this.overcommit = overcommit;
    }

    /** The MMU context an address space carries in its page-table slot. */
    public static MmuContext context(MmStruct mm) {
        return (MmuContext) mm.pageTables();
    }

    /** Where shared anonymous objects live, and who maps them: to free one with its last mapping. */
    public void setShmem(io.mmspec.runtime.mm.filemap.PageCache cache, io.mmspec.runtime.mm.mmap.FileRmap rmap) {
        this.pageCache = cache;
        this.fileRmap = rmap;
    }

    /** The THP code that splits a huge page an operation cuts through. */
    public void setHugePages(HugeAnonFault hugePages) {
        this.huge = hugePages;
    }

    /**
     * mm_init() + pgd_alloc(): gives a new address space its page tables (a PML4 page from
     * the page allocator) and an MMU context, once.
     */
    public MmuContext ensureContext(MmStruct mm) {
        if (mm.pageTables() == null) {
            mm.setPageTables(mmu.initNewContext(new PageTable(tableAllocator)));
        }
        return context(mm);
    }

    @Override
    public void zap(MmStruct mm, Vma vma, long start, long end) {
        huge.splitStraddling(mm, start, end, vma.flags(), current.cpu());
        zap.zapRange(mm, context(mm), vma, start, end);
        if (vma.isShmem() && fileRmap != null && fileRmap.vmaCount(vma.file()) == 0) {
            pageCache.truncate(vma.file(), current.cpu()); // the last mapping of the object is gone
        }
    }

    @Override
    public void copyPageRange(MmStruct dst, Vma dstVma, MmStruct src, Vma srcVma) {
        copy.copyVma(src, context(src), srcVma, dst, ensureContext(dst));
    }

    /** move_page_tables(): each entry moves to the same offset in the new range, pages stay. */
    @Override
    public void movePageTables(MmStruct mm, Vma oldVma, long oldAddr, Vma newVma, long newAddr, long len) {
        huge.splitStraddling(mm, oldAddr, oldAddr + len, oldVma.flags(), current.cpu());
        PageTable pt = context(mm).pageTable();
        long delta = newAddr - oldAddr;
        java.util.List<long[]> entries = new java.util.ArrayList<>();
        pt.forEachLeaf(oldAddr, oldAddr + len, (address, entry, huge) -> {
            entries.add(new long[] {address, entry, huge ? 1 : 0});
            return 0;
        });
        for (long[] e : entries) {
            if (e[2] == 1) {
                pt.setPmdLeaf(e[0] + delta, e[1], true);
            } else {
                pt.setPte(e[0] + delta, e[1]);
            }
        }
        pt.freeEmptyTables(oldAddr, oldAddr + len);
        mmu.flushTlbMmRange(current.cpu(), context(mm), oldAddr, oldAddr + len, true);
    }

    @Override
    public boolean vmEnoughMemory(MmStruct mm, long pages) {
        return overcommit.vmEnoughMemory(mm, pages);
    }

    @Override
    public void vmUnacctMemory(long pages) {
        overcommit.unaccount(pages);
    }
}
