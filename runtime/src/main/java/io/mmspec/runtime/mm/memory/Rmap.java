package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.filemap.AddressSpace;
import io.mmspec.runtime.mm.mmap.AnonVma;
import io.mmspec.runtime.mm.mmap.FileRmap;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.pagealloc.MemMap;

/**
 * The reverse map: from a page to every PTE that maps it. Mirrors mm/rmap.c: rmap_walk(),
 * which asks the page's mapping for the VMAs that may map it (the anon_vma chain for an
 * anonymous page, the file's i_mmap tree for a page-cache page), computes the address from
 * the page's index (vma_address()) and keeps those whose PTE really maps this page.
 */
public final class Rmap {
    /** Receives one mapping PTE of the page. */
    @FunctionalInterface
    public interface Visitor {
        void visit(MmStruct mm, Vma vma, long address, long pte);
    }

    private final MemMap memMap;
    private final FileRmap fileRmap;

    public Rmap(MemMap memMap, FileRmap fileRmap) {
        this.memMap = memMap;
        this.fileRmap = fileRmap;
    }

    /** rmap_walk(): visits every present PTE that maps {@code pfn}. */
    public void walk(long pfn, Visitor visitor) {
        Object mapping = memMap.mapping(pfn);
        long index = memMap.index(pfn);
        io.mmspec.runtime.mm.mmap.RmapVisitor check = (mm, vma, address) -> {
            long pte = MmOps.context(mm).pageTable().pte(address);
            if (Pte.isPresent(pte) && !Pte.isHuge(pte) && Pte.pfn(pte) == pfn) {
                visitor.visit(mm, vma, address, pte);
            }
        };
        if (mapping instanceof AnonVma anonVma) {
            anonVma.root().rmapWalk(index, check);
        } else if (mapping instanceof AddressSpace space) {
            fileRmap.rmapWalk(space.host(), index, check);
        }
    }

    /** How many PTEs map {@code pfn}: what the page's mapcount must say. */
    public int countMappings(long pfn) {
        int[] count = {0};
        walk(pfn, (mm, vma, address, pte) -> count[0]++);
        return count[0];
    }
}
