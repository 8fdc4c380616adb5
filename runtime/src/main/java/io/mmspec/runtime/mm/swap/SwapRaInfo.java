package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.arch.Paging;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * The VMA readahead state of every VMA that has taken a swap fault. Mirrors
 * vm_area_struct.swap_readahead_info with the macros of mm/swap_state.c: SWAP_RA_VAL(),
 * SWAP_RA_ADDR(), SWAP_RA_WIN(), SWAP_RA_HITS().
 *
 * <pre>
 *   one long per VMA:  | fault address, page aligned | win (6 bits) | hits (6 bits) |
 *                                                      bit 6          bit 0
 * </pre>
 *
 * The VMAs of this model are immutable values replaced on every change, so the state lives in
 * this side table, keyed by the mm (identity, weakly: an exited mm's table goes with it) and
 * then by vm_start in a TreeMap. A VMA replaced by one with the same start (an anon_vma
 * assigned, mprotect of its tail, growth) keeps its state, as the kernel's VMA keeps its
 * field; a VMA with a new start (the upper half of a split, mremap) starts from zero, where the
 * kernel's vm_area_dup() would copy the field; a VMA mapped where an unmapped one started
 * inherits that one's state, where the kernel's would start from zero. Either way only the
 * first window after the change differs. The table is only looked up, never iterated, so
 * nothing about its order reaches any output.
 */
final class SwapRaInfo {
    /** SWAP_RA_WIN_SHIFT: PAGE_SHIFT / 2. */
    static final int WIN_SHIFT = Paging.PAGE_SHIFT / 2;
    /** SWAP_RA_HITS_MASK, also SWAP_RA_HITS_MAX. */
    static final long HITS_MASK = (1L << WIN_SHIFT) - 1;
    /** SWAP_RA_WIN_MASK. */
    static final long WIN_MASK = ~Paging.PAGE_MASK & ~HITS_MASK;

    private final Map<MmStruct, TreeMap<Long, long[]>> byMm = new WeakHashMap<>();

    /** GET_SWAP_RA_VAL(vma): 0 for a VMA that never faulted on swap. */
    long get(MmStruct mm, Vma vma) {
        TreeMap<Long, long[]> vmas = byMm.get(mm);
        long[] value = vmas == null ? null : vmas.get(vma.start());
        return value == null ? 0 : value[0];
    }

    /** atomic_long_set(&vma-&gt;swap_readahead_info, value). */
    void set(MmStruct mm, Vma vma, long value) {
        long[] slot = byMm.computeIfAbsent(mm, k -> new TreeMap<>()).computeIfAbsent(vma.start(), k -> new long[1]);
        slot[0] = value;
    }

    /** SWAP_RA_VAL(addr, win, hits). */
    static long val(long address, int win, int hits) {
        return (address & Paging.PAGE_MASK) | ((long) win << WIN_SHIFT) | (hits & HITS_MASK);
    }

    /** SWAP_RA_ADDR(v). */
    static long addr(long value) {
        return value & Paging.PAGE_MASK;
    }

    /** SWAP_RA_WIN(v). */
    static int win(long value) {
        return (int) ((value & WIN_MASK) >>> WIN_SHIFT);
    }

    /** SWAP_RA_HITS(v). */
    static int hits(long value) {
        return (int) (value & HITS_MASK);
    }
}
