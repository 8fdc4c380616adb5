package io.mmspec.runtime.mm.swap;

import io.mmspec.runtime.arch.Pte;

/**
 * swp_entry_t as include/linux/swapops.h packs it: the swap type (the device's index) in the
 * top bits of an XArray value, the slot offset below, and the conversion to and from the
 * non-present PTE that holds it (swp_entry_to_pte(), pte_to_swp_entry(), with the PTE layout of
 * {@link Pte#swapEntry}). Entries are plain longs so that nothing is allocated per page; 0 is
 * no entry (offset 0 of every device is its header and is never handed out).
 */
public final class SwapEntry {
    /** MAX_SWAPFILES_SHIFT. */
    public static final int MAX_SWAPFILES_SHIFT = 5;
    /**
     * MAX_SWAPFILES: 32 types less the ones the kernel reserves for migration (3), hwpoison (1)
     * and PTE markers (1), with CONFIG_DEVICE_PRIVATE off.
     */
    public static final int MAX_SWAPFILES = (1 << MAX_SWAPFILES_SHIFT) - 3 - 1 - 1;
    /** SWP_TYPE_SHIFT = BITS_PER_XA_VALUE - MAX_SWAPFILES_SHIFT = 63 - 5. */
    static final int SWP_TYPE_SHIFT = 63 - MAX_SWAPFILES_SHIFT;
    static final long SWP_OFFSET_MASK = (1L << SWP_TYPE_SHIFT) - 1;

    private SwapEntry() {
    }

    /** swp_entry(type, offset). */
    public static long of(int type, long offset) {
        if (type < 0 || type >= MAX_SWAPFILES || offset <= 0 || offset > SWP_OFFSET_MASK) {
            throw new IllegalArgumentException("no swap entry of type " + type + " offset " + offset);
        }
        return (long) type << SWP_TYPE_SHIFT | offset;
    }

    /** swp_type(). */
    public static int type(long entry) {
        return (int) (entry >>> SWP_TYPE_SHIFT);
    }

    /** swp_offset(). */
    public static long offset(long entry) {
        return entry & SWP_OFFSET_MASK;
    }

    /** swp_entry_to_pte(): the non-present PTE that stands for the page while it is in swap. */
    public static long toPte(long entry) {
        return Pte.swapEntry(type(entry), offset(entry));
    }

    /** pte_to_swp_entry(): the entry a swap PTE holds (its soft-dirty and exclusive bits dropped). */
    public static long fromPte(long pte) {
        return of(Pte.swapType(pte), Pte.swapOffset(pte));
    }

    /** pte_swp_clear_exclusive(): what fork leaves in both parent and child (copy_nonpresent_pte). */
    public static long clearExclusive(long swapPte) {
        if (!Pte.isSwapEntry(swapPte)) {
            throw new IllegalArgumentException("not a swap PTE: " + Pte.describe(swapPte));
        }
        return swapPte & ~Pte.SWP_EXCLUSIVE;
    }

    /** "type 0 offset 0x12" for traces and messages. */
    public static String describe(long entry) {
        return "type " + type(entry) + " offset 0x" + Long.toHexString(offset(entry));
    }
}
