package io.mmspec.runtime.arch;

import java.util.Arrays;

/**
 * One page-table page: 512 eight-byte entries, the physical page it lives in, and the Java
 * references to the lower tables its entries point to (the hardware follows the pfn; the
 * simulator follows the reference, and checkInvariants proves they agree). A bitmap of the
 * non-zero entries lets range walks skip empty stretches a word at a time.
 */
final class Table {
    static final long NO_DEPOSIT = -1;

    final long pfn;
    final int level;
    final long[] entries = new long[Paging.PTRS_PER_TABLE];
    /** Lower tables by index; null at the PT level. */
    final Table[] children;
    /** Pages deposited for huge PMD leaves (pgtable_trans_huge_deposit); PD level only, lazy. */
    long[] deposits;
    /** One bit per non-zero entry. */
    final long[] used = new long[Paging.PTRS_PER_TABLE / 64];
    int usedCount;
    boolean freed;

    Table(long pfn, int level) {
        this.pfn = pfn;
        this.level = level;
        this.children = level > Paging.LEVEL_PTE ? new Table[Paging.PTRS_PER_TABLE] : null;
    }

    /** Stores {@code value} at {@code index}, keeping the bitmap and count; returns the old value. */
    long set(int index, long value) {
        long old = entries[index];
        entries[index] = value;
        long bit = 1L << index;
        if (old == 0 && value != 0) {
            used[index >>> 6] |= bit;
            usedCount++;
        } else if (old != 0 && value == 0) {
            used[index >>> 6] &= ~bit;
            usedCount--;
        }
        return old;
    }

    /** The first index at or after {@code from} holding a non-zero entry, or -1. */
    int nextUsed(int from) {
        int word = from >>> 6;
        if (word >= used.length) {
            return -1;
        }
        long bits = used[word] & (-1L << from);
        while (true) {
            if (bits != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(bits);
            }
            if (++word == used.length) {
                return -1;
            }
            bits = used[word];
        }
    }

    /** The pfn of the table deposited for the huge leaf at {@code index}, or -1. */
    long deposit(int index) {
        return deposits == null ? NO_DEPOSIT : deposits[index];
    }

    void setDeposit(int index, long pfn) {
        if (deposits == null) {
            deposits = new long[Paging.PTRS_PER_TABLE];
            Arrays.fill(deposits, NO_DEPOSIT);
        }
        deposits[index] = pfn;
    }

    long physicalAddress() {
        return pfn << Paging.PAGE_SHIFT;
    }
}
