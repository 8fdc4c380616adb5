package io.mmspec.runtime.arch;

/**
 * x86-64 page-table entries held in a plain {@code long}: the bit values of
 * arch/x86/include/asm/pgtable_types.h, the helpers of asm/pgtable.h (pfn_pte, pte_pfn,
 * pte_mkwrite, pte_wrprotect, pte_modify, ...) and swap entries as asm/pgtable_64.h packs them
 * into non-present entries (__swp_entry, __swp_type, __swp_offset).
 *
 * <pre>
 *  63  62..52  51 ........... 12  11  10   9    8    7   6   5   4   3   2   1   0
 * +--+-------+------------------+---+----+----+----+---+---+---+---+---+---+---+---+
 * |NX| (sw)  |  pfn (40 bits)   |SD |UFWP|SPCL| G  |PSE| D | A |PCD|PWT| U |RW | P |   present
 * +--+-------+------------------+---+----+----+----+---+---+---+---+---+---+---+---+
 * | type (59..63) |  ~offset (9..58)            | 0  | 0 | 0 | 0 | 0 | E |UF |SD | 0 |   swap entry
 * +---------------+-----------------------------+----+---+---+---+---+---+---+---+---+
 * </pre>
 *
 * Non-present entries whose bit 8 is set are PROT_NONE mappings (_PAGE_PROTNONE aliases
 * _PAGE_GLOBAL): the hardware treats them as absent, the kernel as present (pte_present). As the
 * kernel does against L1TF (asm/pgtable-invert.h), the pfn of a PROT_NONE entry and the offset of
 * a swap entry are stored inverted, so a speculative walk never points at real memory.
 *
 * Bit 7 is PSE only in a PMD entry (a 2 MB leaf); in a PTE it would be PAT, which is not
 * modelled, so {@link #isHuge} is meaningful for PMD entries only. Soft dirty is modelled as
 * with CONFIG_MEM_SOFT_DIRTY=y; shadow-stack SavedDirty, protection keys and memory encryption
 * are not.
 */
public final class Pte {
    public static final long PRESENT = 1L << 0;
    public static final long RW = 1L << 1;
    public static final long USER = 1L << 2;
    public static final long PWT = 1L << 3;
    public static final long PCD = 1L << 4;
    public static final long ACCESSED = 1L << 5;
    public static final long DIRTY = 1L << 6;
    /** PSE: a PMD entry mapping a 2 MB page instead of pointing to a page table. */
    public static final long PSE = 1L << 7;
    public static final long GLOBAL = 1L << 8;
    /** _PAGE_SPECIAL (software bit 1): no struct page behind it, e.g. the shared zero page. */
    public static final long SPECIAL = 1L << 9;
    /** _PAGE_UFFD_WP (software bit 2): write-protected by userfaultfd. */
    public static final long UFFD_WP = 1L << 10;
    /** _PAGE_SOFT_DIRTY (software bit 3): written since the soft-dirty bits were cleared. */
    public static final long SOFT_DIRTY = 1L << 11;
    public static final long NX = 1L << 63;
    /** _PAGE_PROTNONE: bit 8 of a non-present entry marks a PROT_NONE mapping. */
    public static final long PROTNONE = GLOBAL;

    /** PTE_PFN_MASK: physical address bits 12..51 (__PHYSICAL_MASK_SHIFT = 52). */
    public static final long PFN_MASK = 0x000f_ffff_ffff_f000L;
    /** _PAGE_TABLE: what a PML4, PDPT or PD entry pointing to a lower table carries (0x67). */
    public static final long PAGE_TABLE = PRESENT | RW | USER | ACCESSED | DIRTY;
    /**
     * _PAGE_CHG_MASK | _HPAGE_CHG_MASK: the bits pte_modify() keeps; everything else comes from
     * the new protection. Bit 7 (PAT in a PTE, PSE in a PMD) is kept at both levels.
     */
    public static final long CHG_MASK = PFN_MASK | PCD | PWT | SPECIAL | ACCESSED | DIRTY
            | SOFT_DIRTY | UFFD_WP | PSE;

    /** _PAGE_SWP_SOFT_DIRTY: soft dirty remembered across swap-out, in the RW position. */
    public static final long SWP_SOFT_DIRTY = RW;
    /** _PAGE_SWP_UFFD_WP, in the USER position. */
    public static final long SWP_UFFD_WP = USER;
    /** _PAGE_SWP_EXCLUSIVE: PG_anon_exclusive remembered across swap-out, in the PWT position. */
    public static final long SWP_EXCLUSIVE = PWT;
    /** MAX_SWAPFILES_SHIFT = SWP_TYPE_BITS: 5 bits of swap type (device index). */
    public static final int SWP_TYPE_BITS = 5;
    /** SWP_OFFSET_FIRST_BIT = _PAGE_BIT_PROTNONE + 1. */
    static final int SWP_OFFSET_FIRST_BIT = 9;
    static final int SWP_OFFSET_SHIFT = SWP_OFFSET_FIRST_BIT + SWP_TYPE_BITS;
    /** Bits 9..58 hold the offset: 50 bits. */
    public static final int SWP_OFFSET_BITS = 64 - SWP_OFFSET_SHIFT;
    /** The largest offset: the all-ones offset of type 0 would encode as 0, an empty entry. */
    public static final long SWP_OFFSET_MAX = (1L << SWP_OFFSET_BITS) - 2;

    private Pte() {
    }

    /** pfn_pte(pfn, prot): the pfn in bits 12..51, inverted when the entry is PROT_NONE. */
    public static long make(long pfn, long flags) {
        if (pfn < 0 || pfn > (PFN_MASK >>> Paging.PAGE_SHIFT)) {
            throw new IllegalArgumentException("pfn out of range: 0x" + Long.toHexString(pfn));
        }
        if ((flags & PFN_MASK) != 0) {
            throw new IllegalArgumentException("flags overlap the pfn: 0x" + Long.toHexString(flags));
        }
        long address = pfn << Paging.PAGE_SHIFT;
        address ^= protnoneMask(flags);
        return (address & PFN_MASK) | flags;
    }

    /** pte_pfn(): the page frame number, undoing the PROT_NONE inversion. */
    public static long pfn(long pte) {
        return ((pte ^ protnoneMask(pte)) & PFN_MASK) >>> Paging.PAGE_SHIFT;
    }

    /** pte_flags(): every bit outside the pfn field. */
    public static long flags(long pte) {
        return pte & ~PFN_MASK;
    }

    /**
     * pte_needs_flush() of arch/x86/include/asm/tlbflush.h: whether replacing {@code oldPte} by
     * {@code newPte} leaves a translation a TLB may still hold wrongly. An entry that was not
     * present to the hardware (none, PROT_NONE, swap) was never cached; a new pfn always
     * needs a flush; otherwise a flush-on-clear bit (DIRTY, PRESENT) going away or a
     * flush-on-change bit (RW, USER, PWT, PCD, PSE, GLOBAL, NX) changing does. The accessed
     * bit is ignored, as change_pte_range() asks.
     */
    public static boolean needsFlush(long oldPte, long newPte) {
        if ((oldPte & PRESENT) == 0) {
            return false;
        }
        if (pfn(oldPte) != pfn(newPte)) {
            return true;
        }
        long flushOnClear = DIRTY | PRESENT;
        long flushOnChange = RW | USER | PWT | PCD | PSE | GLOBAL | NX;
        long diff = flags(oldPte) ^ flags(newPte);
        return (diff & flags(oldPte) & flushOnClear) != 0 || (diff & flushOnChange) != 0;
    }

    /** __pte_needs_invert(): a non-zero, non-present entry keeps its address bits inverted. */
    private static long protnoneMask(long value) {
        return value != 0 && (value & PRESENT) == 0 ? ~0L : 0L;
    }

    public static boolean isNone(long pte) {
        return pte == 0;
    }

    /** pte_present(): present for the kernel, which includes PROT_NONE mappings. */
    public static boolean isPresent(long pte) {
        return (pte & (PRESENT | PROTNONE)) != 0;
    }

    /** pte_protnone(): mapped PROT_NONE, so absent for the hardware. */
    public static boolean isProtNone(long pte) {
        return (pte & (PROTNONE | PRESENT)) == PROTNONE;
    }

    public static boolean isWrite(long pte) {
        return (pte & RW) != 0;
    }

    public static boolean isUser(long pte) {
        return (pte & USER) != 0;
    }

    public static boolean isNx(long pte) {
        return (pte & NX) != 0;
    }

    public static boolean isDirty(long pte) {
        return (pte & DIRTY) != 0;
    }

    /** pte_young(): the accessed bit. */
    public static boolean isYoung(long pte) {
        return (pte & ACCESSED) != 0;
    }

    /** pmd_leaf() for a PMD entry: PSE set, a 2 MB mapping. */
    public static boolean isHuge(long pte) {
        return (pte & PSE) != 0;
    }

    public static boolean isSpecial(long pte) {
        return (pte & SPECIAL) != 0;
    }

    public static boolean isSoftDirty(long pte) {
        return (pte & SOFT_DIRTY) != 0;
    }

    public static long mkwrite(long pte) {
        return pte | RW;
    }

    public static long wrprotect(long pte) {
        return pte & ~RW;
    }

    /** pte_mkdirty(): sets the hardware dirty bit and the soft-dirty bit together. */
    public static long mkdirty(long pte) {
        return pte | DIRTY | SOFT_DIRTY;
    }

    public static long mkclean(long pte) {
        return pte & ~DIRTY;
    }

    public static long mkyoung(long pte) {
        return pte | ACCESSED;
    }

    public static long mkold(long pte) {
        return pte & ~ACCESSED;
    }

    public static long mkspecial(long pte) {
        return pte | SPECIAL;
    }

    /** pmd_mkhuge(). */
    public static long mkhuge(long pte) {
        return pte | PSE;
    }

    /** pte_mkexec(): clears NX. */
    public static long mkexec(long pte) {
        return pte & ~NX;
    }

    public static long mksoftDirty(long pte) {
        return pte | SOFT_DIRTY;
    }

    public static long clearSoftDirty(long pte) {
        return pte & ~SOFT_DIRTY;
    }

    /**
     * pte_modify(): keeps the pfn, caching, accessed, dirty and software bits and takes the rest
     * from {@code newProt}, as change_protection() does for mprotect. Moving into or out of
     * PROT_NONE flips the stored pfn bits (flip_protnone_guard).
     */
    public static long modify(long pte, long newProt) {
        long value = (pte & CHG_MASK) | (newProt & ~CHG_MASK);
        if ((protnoneMask(pte) != 0) != (protnoneMask(value) != 0)) {
            value = (value & ~PFN_MASK) | (~value & PFN_MASK);
        }
        return value;
    }

    /** is_swap_pte(): neither none nor present; a swap (or migration) entry. */
    public static boolean isSwapEntry(long pte) {
        return pte != 0 && !isPresent(pte);
    }

    /**
     * __swp_entry(type, offset) as stored in a PTE: the offset inverted in bits 9..58, the type
     * in bits 59..63, bits 0..8 clear (bit 7 must stay clear for pmd_present).
     */
    public static long swapEntry(int type, long offset) {
        if (type < 0 || type >= 1 << SWP_TYPE_BITS) {
            throw new IllegalArgumentException("swap type out of range 0..31: " + type);
        }
        if (offset < 0 || offset > SWP_OFFSET_MAX) {
            throw new IllegalArgumentException("swap offset out of range: " + offset);
        }
        return (~offset << SWP_OFFSET_SHIFT >>> SWP_TYPE_BITS) | ((long) type << (64 - SWP_TYPE_BITS));
    }

    /** __swp_type(): the top five bits. */
    public static int swapType(long pte) {
        requireSwapEntry(pte);
        return (int) (pte >>> (64 - SWP_TYPE_BITS));
    }

    /** __swp_offset(): shift the type out, then down, undoing the inversion. */
    public static long swapOffset(long pte) {
        requireSwapEntry(pte);
        return ~pte << SWP_TYPE_BITS >>> SWP_OFFSET_SHIFT;
    }

    /** pte_swp_mkexclusive(). */
    public static long swapMkExclusive(long pte) {
        requireSwapEntry(pte);
        return pte | SWP_EXCLUSIVE;
    }

    /** pte_swp_exclusive(). */
    public static boolean swapIsExclusive(long pte) {
        return isSwapEntry(pte) && (pte & SWP_EXCLUSIVE) != 0;
    }

    /** pte_swp_mksoft_dirty(). */
    public static long swapMkSoftDirty(long pte) {
        requireSwapEntry(pte);
        return pte | SWP_SOFT_DIRTY;
    }

    /** pte_swp_soft_dirty(). */
    public static boolean swapIsSoftDirty(long pte) {
        return isSwapEntry(pte) && (pte & SWP_SOFT_DIRTY) != 0;
    }

    private static void requireSwapEntry(long pte) {
        if (!isSwapEntry(pte)) {
            throw new IllegalArgumentException("not a swap entry: " + describe(pte));
        }
    }

    /**
     * One line for traces: {@code pfn 0x1234 P RW U A D NX}, {@code swap type 0 offset 0x10 E},
     * {@code pfn 0x1234 PROTNONE A} or {@code none}.
     */
    public static String describe(long pte) {
        if (pte == 0) {
            return "none";
        }
        if (isSwapEntry(pte)) {
            return "swap type " + swapType(pte) + " offset 0x" + Long.toHexString(swapOffset(pte))
                    + ((pte & SWP_EXCLUSIVE) != 0 ? " E" : "")
                    + ((pte & SWP_SOFT_DIRTY) != 0 ? " SOFT_DIRTY" : "")
                    + ((pte & SWP_UFFD_WP) != 0 ? " UFFD_WP" : "");
        }
        StringBuilder text = new StringBuilder("pfn 0x").append(Long.toHexString(pfn(pte)));
        flag(text, pte, PRESENT, "P");
        flag(text, pte, RW, "RW");
        flag(text, pte, USER, "U");
        flag(text, pte, PWT, "PWT");
        flag(text, pte, PCD, "PCD");
        flag(text, pte, ACCESSED, "A");
        flag(text, pte, DIRTY, "D");
        flag(text, pte, PSE, "PSE");
        flag(text, pte, GLOBAL, (pte & PRESENT) != 0 ? "G" : "PROTNONE");
        flag(text, pte, SPECIAL, "SPECIAL");
        flag(text, pte, UFFD_WP, "UFFD_WP");
        flag(text, pte, SOFT_DIRTY, "SOFT_DIRTY");
        flag(text, pte, NX, "NX");
        return text.toString();
    }

    private static void flag(StringBuilder text, long pte, long bit, String name) {
        if ((pte & bit) != 0) {
            text.append(' ').append(name);
        }
    }

    /** A PMD leaf is a PSE entry (present or PROT_NONE) or a non-present swap/migration entry. */
    static void requirePmdLeaf(long entry) {
        boolean huge = isHuge(entry);
        if (entry == 0 || (!huge && (entry & PRESENT) != 0)) {
            throw new IllegalArgumentException("not a PMD leaf: " + describe(entry));
        }
        if (huge && isPresent(entry) && (pfn(entry) & (Paging.HPAGE_PMD_NR - 1)) != 0) {
            throw new IllegalArgumentException("2 MB leaf with unaligned pfn: " + describe(entry));
        }
    }
}
