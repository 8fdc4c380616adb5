package io.mmspec.runtime.arch;

import static io.mmspec.runtime.arch.Paging.LEVEL_PMD;
import static io.mmspec.runtime.arch.Paging.LEVEL_PTE;

import java.util.Arrays;

/**
 * Recounts a {@link PageTable}, in the spirit of mm/debug_vm_pgtable.c and validate_mm: every
 * table's bitmap and count match its entries, every pointer entry carries _PAGE_TABLE and the
 * pfn of a live table one level down, no PMD is both a leaf and a table, huge leaves are 2 MB
 * aligned, no PTE has bit 7 set, and the table pages (deposits included) are all distinct and
 * add up to tablePages().
 */
final class PageTableChecker {
    private long[] pfns = new long[64];
    private int count;

    private PageTableChecker() {
    }

    static void check(Table pgd, long tablePages) {
        PageTableChecker checker = new PageTableChecker();
        checker.checkTable(pgd);
        if (checker.count != tablePages) {
            throw new IllegalStateException("tablePages says " + tablePages + " but the tree holds " + checker.count);
        }
        long[] sorted = Arrays.copyOf(checker.pfns, checker.count);
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalStateException("table page pfn 0x" + Long.toHexString(sorted[i]) + " used twice");
            }
        }
    }

    private void checkTable(Table table) {
        if (table.freed) {
            throw new IllegalStateException("reachable table at pfn 0x" + Long.toHexString(table.pfn) + " was freed");
        }
        record(table.pfn);
        int nonZero = 0;
        for (int i = 0; i < Paging.PTRS_PER_TABLE; i++) {
            long entry = table.entries[i];
            boolean bit = (table.used[i >>> 6] & (1L << i)) != 0;
            if (bit != (entry != 0)) {
                throw fail(table, i, "bitmap disagrees with entry");
            }
            if (entry != 0) {
                nonZero++;
            }
            checkEntry(table, i, entry);
        }
        if (nonZero != table.usedCount) {
            throw new IllegalStateException(String.format("%s at pfn 0x%x counts %d entries, holds %d",
                    Paging.levelName(table.level), table.pfn, table.usedCount, nonZero));
        }
    }

    private void checkEntry(Table table, int i, long entry) {
        if (table.level == LEVEL_PTE) {
            if (Pte.isHuge(entry)) {
                throw fail(table, i, "PTE with bit 7 (PAT) set");
            }
            return;
        }
        Table child = table.children[i];
        long deposit = table.deposit(i);
        if (child != null) {
            if (Pte.flags(entry) != Pte.PAGE_TABLE || Pte.pfn(entry) != child.pfn || child.level != table.level - 1) {
                throw fail(table, i, "pointer entry does not match the lower table");
            }
            if (deposit != Table.NO_DEPOSIT) {
                throw fail(table, i, "PMD is both a table and a leaf with a deposit");
            }
            checkTable(child);
            return;
        }
        if (table.level != LEVEL_PMD && entry != 0) {
            throw fail(table, i, "leaf or dangling entry above the PMD level");
        }
        if (table.level == LEVEL_PMD && entry != 0) {
            try {
                Pte.requirePmdLeaf(entry);
            } catch (IllegalArgumentException e) {
                throw fail(table, i, e.getMessage());
            }
        }
        if (deposit != Table.NO_DEPOSIT) {
            if (entry == 0) {
                throw fail(table, i, "deposited table without a huge leaf");
            }
            record(deposit);
        }
    }

    private void record(long pfn) {
        if (count == pfns.length) {
            pfns = Arrays.copyOf(pfns, count * 2);
        }
        pfns[count++] = pfn;
    }

    private static IllegalStateException fail(Table table, int index, String what) {
        return new IllegalStateException(String.format("%s[%d] at pfn 0x%x = 0x%016x: %s",
                Paging.levelName(table.level), index, table.pfn, table.entries[index], what));
    }
}
