package io.mmspec.runtime.mm.mmap;

/**
 * What an rmap walk calls for each VMA that may map a page: the mm, the VMA and the virtual
 * address of the page in it (vma_address()). Mirrors struct rmap_walk_control's rmap_one.
 */
@FunctionalInterface
public interface RmapVisitor {
    void visit(MmStruct mm, Vma vma, long address);
}
