package io.mmspec.runtime.arch;

import static io.mmspec.runtime.arch.Paging.LEVEL_PMD;
import static io.mmspec.runtime.arch.Paging.LEVEL_PTE;

/**
 * The range walks of {@link PageTable}: mirrors the shape of mm/memory.c's walkers
 * (zap_p?d_range, copy_p?d_range, change_p?d_range in mm/mprotect.c), which descend only into
 * tables that exist and clip each level to the range, and free_pgd_range for freeing tables.
 *
 * <pre>
 * visit(table, base):  for each non-zero entry i of table inside [start, end):
 *     lower table   → visit(child, base + i * span)
 *     leaf (PTE/PMD) → entry = visitor(address, entry, huge)
 * </pre>
 */
final class LeafWalk {
    private final PageTable owner;
    private final long start;
    private final long end;
    private final LeafVisitor visitor;

    LeafWalk(PageTable owner, long start, long end, LeafVisitor visitor) {
        this.owner = owner;
        this.start = start;
        this.end = end;
        this.visitor = visitor;
    }

    void visit(Table table, long base) {
        int shift = Paging.shift(table.level);
        int last = lastIndex(table, base, end);
        for (int i = table.nextUsed(firstIndex(table, base, start)); i >= 0 && i <= last;
                i = table.nextUsed(i + 1)) {
            long address = base + ((long) i << shift);
            Table child = table.level == LEVEL_PTE ? null : table.children[i];
            if (child != null) {
                visit(child, address);
            } else if (table.level == LEVEL_PTE) {
                visitPte(table, i, address);
            } else {
                visitPmdLeaf(table, i, address);
            }
        }
    }

    private void visitPte(Table pt, int index, long address) {
        long entry = pt.entries[index];
        long updated = visitor.visit(address, entry, false);
        if (updated != entry) {
            if (Pte.isHuge(updated)) {
                throw new IllegalStateException("visitor returned a PSE entry for a PTE: " + Pte.describe(updated));
            }
            pt.set(index, updated);
        }
    }

    private void visitPmdLeaf(Table pd, int index, long address) {
        if (pd.level != LEVEL_PMD) {
            throw new IllegalStateException("leaf entry above the PMD level at 0x" + Long.toHexString(address));
        }
        if (address < start || address + Paging.PMD_SIZE > end) {
            throw new IllegalStateException(String.format(
                    "huge PMD leaf at 0x%x straddles [0x%x, 0x%x): split it first", address, start, end));
        }
        long entry = pd.entries[index];
        long updated = visitor.visit(address, entry, true);
        if (updated == entry) {
            return;
        }
        if (updated == 0) {
            owner.freeDeposit(pd, index);
        } else {
            Pte.requirePmdLeaf(updated);
        }
        pd.set(index, updated);
    }

    /** Frees the empty tables below {@code table} that lie in [start, end); returns how many. */
    static int freeEmpty(PageTable owner, Table table, long base, long start, long end) {
        if (table.level == LEVEL_PTE) {
            return 0;
        }
        int shift = Paging.shift(table.level);
        int last = lastIndex(table, base, end);
        int freed = 0;
        for (int i = table.nextUsed(firstIndex(table, base, start)); i >= 0 && i <= last;
                i = table.nextUsed(i + 1)) {
            Table child = table.children[i];
            if (child == null) {
                continue;
            }
            freed += freeEmpty(owner, child, base + ((long) i << shift), start, end);
            if (child.usedCount == 0) {
                table.children[i] = null;
                table.set(i, 0);
                owner.freeTable(child);
                freed++;
            }
        }
        return freed;
    }

    /** Frees {@code table}, every table below it and every deposited table. */
    static void freeSubtree(PageTable owner, Table table) {
        if (table.level > LEVEL_PTE) {
            for (int i = table.nextUsed(0); i >= 0; i = table.nextUsed(i + 1)) {
                Table child = table.children[i];
                if (child != null) {
                    freeSubtree(owner, child);
                    table.children[i] = null;
                } else if (table.level == LEVEL_PMD) {
                    owner.freeDeposit(table, i);
                }
                table.set(i, 0);
            }
        }
        owner.freeTable(table);
    }

    private static int firstIndex(Table table, long base, long start) {
        return start <= base ? 0 : (int) ((start - base) >>> Paging.shift(table.level));
    }

    private static int lastIndex(Table table, long base, long end) {
        long span = 1L << (Paging.shift(table.level) + 9);
        return end >= base + span ? Paging.PTRS_PER_TABLE - 1
                : (int) ((end - 1 - base) >>> Paging.shift(table.level));
    }
}
