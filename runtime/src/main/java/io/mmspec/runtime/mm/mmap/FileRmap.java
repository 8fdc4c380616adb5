package io.mmspec.runtime.mm.mmap;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * address_space->i_mmap for every file: which VMAs, in which processes, map a file. Reclaim
 * and truncation walk it to find the PTEs of a page-cache page (rmap_walk_file()). One per
 * machine, shared by all its mms. Mirrors mm/vma.c __vma_link_file() / __remove_shared_vm_struct()
 * and mm/rmap.c rmap_walk_file(). Lookups go by file identity; walks go in link order, so they
 * are deterministic.
 */
public final class FileRmap {
    private final Map<MappedFile, Map<Vma, MmStruct>> iMmap = new IdentityHashMap<>();

    /**
     * Calls {@code visitor} for each VMA mapping page {@code pgoff} of {@code file}, private
     * mappings included (their unmodified pages are the page-cache pages).
     */
    public void rmapWalk(MappedFile file, long pgoff, RmapVisitor visitor) {
        Map<Vma, MmStruct> vmas = iMmap.get(file);
        if (vmas == null) {
            return;
        }
        for (Map.Entry<Vma, MmStruct> link : vmas.entrySet()) {
            Vma vma = link.getKey();
            if (vma.coversPgoff(pgoff)) {
                visitor.visit(link.getValue(), vma, vma.addressOf(pgoff));
            }
        }
    }

    /** mapping_mapped(): how many VMAs map {@code file}. */
    public int vmaCount(MappedFile file) {
        Map<Vma, MmStruct> vmas = iMmap.get(file);
        return vmas == null ? 0 : vmas.size();
    }

    void link(Vma vma, MmStruct mm) {
        if (vma.file() != null) {
            iMmap.computeIfAbsent(vma.file(), f -> new LinkedHashMap<>()).put(vma, mm);
        }
    }

    void unlink(Vma vma) {
        if (vma.file() == null) {
            return;
        }
        Map<Vma, MmStruct> vmas = iMmap.get(vma.file());
        vmas.remove(vma);
        if (vmas.isEmpty()) {
            iMmap.remove(vma.file());
        }
    }

    boolean isLinked(Vma vma, MmStruct mm) {
        Map<Vma, MmStruct> vmas = iMmap.get(vma.file());
        return vmas != null && vmas.get(vma) == mm;
    }
}
