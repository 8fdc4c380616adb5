package io.mmspec.runtime.arch;

/**
 * Called by {@link PageTable#forEachLeaf} for each non-empty leaf entry. Returning the entry
 * leaves it unchanged, returning 0 clears it, any other value replaces it: one pass serves
 * fork's copy_page_range, mprotect's change_protection and munmap's zap_pte_range, with no
 * object allocated per entry. A visitor must not change the page table itself.
 */
@FunctionalInterface
public interface LeafVisitor {

    /**
     * @param vaddr the first address the entry maps (2 MB aligned when {@code huge})
     * @param entry the PTE, or the PMD entry when {@code huge}; present, PROT_NONE or swap
     * @param huge  whether the entry is a PMD leaf mapping 2 MB
     * @return the value to store
     */
    long visit(long vaddr, long entry, boolean huge);
}
