package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.PageTable;
import io.mmspec.runtime.mm.filemap.AddressSpace;
import io.mmspec.runtime.mm.filemap.PageCache;
import io.mmspec.runtime.mm.mmap.MappedFile;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.VmFlags;

/**
 * Faults on empty PTEs of file mappings. Mirrors mm/memory.c: do_fault(), do_read_fault()
 * with do_fault_around(), do_cow_fault(), do_shared_fault(), and mm/filemap.c:
 * filemap_fault() / filemap_map_pages().
 *
 * <p>Fault-around maps, on a read fault, the pages already in the page cache around the
 * faulting address, without any I/O:
 * <pre>
 *   |<------------- fault_around_bytes (64 KB = 16 PTEs), aligned ------------->|
 *   [ cached | cached | absent | FAULT | cached | ... ]   clipped to the VMA and
 *      map      map      skip    read     map             to the 512-entry PT table
 * </pre>
 * If the faulting page itself was cached, that is the whole fault (minor); otherwise it is read
 * from the disk (major).
 */
public final class FileFault {
    private static final int PTRS_PER_PTE = 512;

    private final PageCache pageCache;
    private final PageRefs refs;
    private final long faultAroundPages;

    public FileFault(PageCache pageCache, PageRefs refs, long faultAroundBytes) {
        this.pageCache = pageCache;
        this.refs = refs;
        // fault_around_bytes is rounded down to a power of two, in pages
        long pages = Math.max(1, faultAroundBytes >>> 12);
        this.faultAroundPages = Long.highestOneBit(pages);
    }

    int doFault(VmFaultInfo vmf) {
        MappedFile inode = vmf.vma.file(); // a file, or the shmem object of shared anonymous memory
        long index = AnonFault.linearPageIndex(vmf);
        if (index >= pages(inode)) {
            vmf.kind = VmFaultInfo.Kind.SIGBUS;
            return VmFault.SIGBUS;
        }
        if (!vmf.write) {
            return doReadFault(vmf, inode, index);
        }
        if ((vmf.vma.flags() & VmFlags.VM_SHARED) == 0) {
            return doCowFault(vmf, inode, index);
        }
        return doSharedFault(vmf, inode, index);
    }

    private int doReadFault(VmFaultInfo vmf, MappedFile inode, long index) {
        vmf.kind = VmFaultInfo.Kind.FILE_READ;
        if (faultAroundPages > 1) {
            doFaultAround(vmf, inode);
            long pte = vmf.context.pageTable().pte(vmf.address);
            if (pte != 0) {
                vmf.pfn = io.mmspec.runtime.arch.Pte.pfn(pte);
                return VmFault.OK; // the page was cached: fault-around mapped it
            }
        }
        long pfn = filemapFault(vmf, inode, index);
        if (pfn < 0) {
            return VmFault.OOM;
        }
        mapFilePage(vmf, vmf.address, pfn);
        return vmf.cacheMiss ? VmFault.MAJOR : VmFault.OK;
    }

    /** do_fault_around() + filemap_map_pages(): maps cached pages of the aligned window. */
    private void doFaultAround(VmFaultInfo vmf, MappedFile inode) {
        long vmaStartPte = vmf.vma.start() >>> 12;
        long ptePage = vmf.address >>> 12;
        long from = Math.max(ptePage & ~(faultAroundPages - 1), vmaStartPte);
        long tableEnd = (ptePage & ~(PTRS_PER_PTE - 1L)) + PTRS_PER_PTE;
        long to = Math.min(Math.min(from + faultAroundPages, tableEnd), vmf.vma.end() >>> 12);
        PageTable pt = vmf.context.pageTable();
        for (long page = from; page < to; page++) {
            long address = page << 12;
            long index = vmf.vma.pgoff() + (page - vmaStartPte);
            if (index >= pages(inode) || pt.pte(address) != 0) {
                continue;
            }
            // uptodate pages only: not one still being read, nor the readahead marker
            long pfn = pageCache.mapPagesAround(inode, index, vmf.pid);
            if (pfn != AddressSpace.NONE) {
                mapFilePage(vmf, address, pfn);
            }
        }
    }

    /** do_cow_fault(): a private write copies the file page into a new anonymous page. */
    private int doCowFault(VmFaultInfo vmf, MappedFile inode, long index) {
        vmf.kind = VmFaultInfo.Kind.FILE_COW;
        long source = filemapFault(vmf, inode, index);
        if (source < 0) {
            return VmFault.OOM;
        }
        refs.memMap().incRefcount(source); // pinned: reclaiming for the copy must not drop it
        long pfn = refs.allocUserPage(0, false, vmf.cpu);
        if (pfn < 0) {
            refs.put(source, 0, vmf.cpu);
            return VmFault.OOM;
        }
        refs.copyPage(source, pfn);
        refs.put(source, 0, vmf.cpu);
        refs.addNewAnonRmap(pfn, 0, vmf.anonVma(), index, vmf.vma.flags());
        vmf.context.pageTable().setPte(vmf.address, AnonFault.userPte(pfn, vmf.vma.flags(), true));
        vmf.mm.addCounter(MmCounter.MM_ANONPAGES, 1);
        vmf.pfn = pfn;
        return vmf.cacheMiss ? VmFault.MAJOR : VmFault.OK;
    }

    /** do_shared_fault(): a shared write maps the page-cache page writable and dirties it. */
    private int doSharedFault(VmFaultInfo vmf, MappedFile inode, long index) {
        vmf.kind = VmFaultInfo.Kind.FILE_SHARED_WRITE;
        long pfn = filemapFault(vmf, inode, index);
        if (pfn < 0) {
            return VmFault.OOM;
        }
        pageCache.markDirty(pfn);
        refs.addMapping(pfn);
        vmf.context.pageTable().setPte(vmf.address, AnonFault.userPte(pfn, vmf.vma.flags(), true));
        vmf.mm.addCounter(refs.mmCounter(pfn), 1);
        vmf.pfn = pfn;
        return vmf.cacheMiss ? VmFault.MAJOR : VmFault.OK;
    }

    private long filemapFault(VmFaultInfo vmf, MappedFile inode, long index) {
        long pfn = pageCache.filemapFault(inode, index, vmf.vma.flags(), vmf.vma.pgoff(),
                vmf.vma.pgoff() + ((vmf.vma.end() - vmf.vma.start()) >>> 12), vmf.pid, vmf.cpu);
        vmf.cacheMiss = pageCache.lastWasMiss();
        vmf.ioNs = pageCache.lastIoNs();
        return pfn;
    }

    /** DIV_ROUND_UP(i_size, PAGE_SIZE): a fault at or past it is SIGBUS. */
    private static long pages(MappedFile file) {
        return (file.size() + 4095) >>> 12;
    }

    /** set_pte_range(): read-only, so that a later write faults (COW or dirty tracking). */
    private void mapFilePage(VmFaultInfo vmf, long address, long pfn) {
        refs.addMapping(pfn);
        vmf.context.pageTable().setPte(address, AnonFault.userPte(pfn, vmf.vma.flags(), false));
        vmf.mm.addCounter(refs.mmCounter(pfn), 1);
        if (address == vmf.address) {
            vmf.pfn = pfn;
        }
    }
}
