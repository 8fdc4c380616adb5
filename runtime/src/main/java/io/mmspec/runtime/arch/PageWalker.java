package io.mmspec.runtime.arch;

import static io.mmspec.runtime.arch.Paging.LEVEL_PMD;
import static io.mmspec.runtime.arch.Paging.LEVEL_PTE;

/**
 * The hardware page walker (the page-miss handler of Intel SDM vol. 3 §4.5): from the PML4
 * down, one memory read per level, stopping at the leaf or at the first entry without its
 * present bit. Access rights combine over the levels (RW and U must be set at every level,
 * NX at any level forbids execution). On success the walker sets the accessed bit in the leaf,
 * and the dirty bit for a write, in memory, as the CPU does with a locked update.
 *
 * A present entry with address bits at or above MAXPHYADDR, or a 2 MB leaf with bits 13..20
 * set, has reserved bits set (X86_PF_RSVD). One walker serves all CPUs: the simulation runs one
 * access at a time. It keeps its results in fields so that no walk allocates.
 */
final class PageWalker {
    private final long reservedMask;
    private final long hugeReservedMask;

    int reads;
    boolean present;
    boolean reserved;
    boolean huge;
    /** The leaf (or the non-present entry that stopped the walk), with rights combined over levels. */
    long effective;
    private Table leafTable;
    private int leafIndex;

    PageWalker(int physicalAddressBits) {
        reservedMask = Pte.PFN_MASK & ~((1L << physicalAddressBits) - 1);
        hugeReservedMask = reservedMask | ((Paging.PMD_SIZE - 1) & ~((1L << (Paging.PAGE_SHIFT + 1)) - 1));
    }

    void walk(PageTable pageTable, long vaddr) {
        Table table = pageTable.root();
        long rights = Pte.RW | Pte.USER;
        long noExec = 0;
        reads = 0;
        reserved = false;
        huge = false;
        leafTable = null;
        while (true) {
            int index = Paging.index(table.level, vaddr);
            long entry = table.entries[index];
            reads++;
            present = (entry & Pte.PRESENT) != 0;
            boolean leaf = table.level == LEVEL_PTE || (table.level == LEVEL_PMD && Pte.isHuge(entry));
            if (!present || leaf) {
                huge = present && table.level == LEVEL_PMD;
                reserved = present && (entry & (huge ? hugeReservedMask : reservedMask)) != 0;
                effective = (entry & ~(Pte.RW | Pte.USER)) | (entry & rights) | noExec;
                leafTable = table;
                leafIndex = index;
                return;
            }
            rights &= entry;
            noExec |= entry & Pte.NX;
            table = table.children[index];
        }
    }

    /** Sets A (and D for a write) in the leaf in memory; returns the effective entry to cache. */
    long markAccessed(boolean write) {
        long bits = Pte.ACCESSED | (write ? Pte.DIRTY : 0);
        leafTable.entries[leafIndex] |= bits;
        effective |= bits;
        return effective;
    }
}
