package io.mmspec.runtime.arch;

/**
 * x86-64 4-level paging geometry: mirrors arch/x86/include/asm/page_types.h (PAGE_SHIFT) and
 * pgtable_64_types.h (PMD_SHIFT, PUD_SHIFT, PGDIR_SHIFT, PTRS_PER_*).
 *
 * <pre>
 *  47        39 38        30 29        21 20        12 11          0
 * +------------+------------+------------+------------+-------------+
 * | PML4 (pgd) | PDPT (pud) |  PD (pmd)  |  PT (pte)  | page offset |
 * +------------+------------+------------+------------+-------------+
 *     9 bits       9 bits       9 bits       9 bits       12 bits
 * </pre>
 *
 * Levels are numbered as the walk meets them bottom-up: 1 = PT, 2 = PD, 3 = PDPT, 4 = PML4.
 * Only the user half of the address space, [0, 2^47), is modelled (see package-info).
 */
public final class Paging {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    public static final long PAGE_MASK = ~(PAGE_SIZE - 1);

    public static final int PMD_SHIFT = 21;
    public static final long PMD_SIZE = 1L << PMD_SHIFT;
    public static final long PMD_MASK = ~(PMD_SIZE - 1);
    public static final int PUD_SHIFT = 30;
    public static final long PUD_SIZE = 1L << PUD_SHIFT;
    public static final int PGDIR_SHIFT = 39;
    public static final long PGDIR_SIZE = 1L << PGDIR_SHIFT;

    /** PTRS_PER_PTE = PTRS_PER_PMD = PTRS_PER_PUD = PTRS_PER_PGD = 512. */
    public static final int PTRS_PER_TABLE = 512;
    /** HPAGE_PMD_NR: 4 KB pages in one 2 MB huge page. */
    public static final int HPAGE_PMD_NR = 512;
    /** HPAGE_PMD_ORDER. */
    public static final int HPAGE_PMD_ORDER = 9;

    /** End of the user half: 1 << __VIRTUAL_MASK_SHIFT (47). Addresses below it are user space. */
    public static final long USER_SPACE_END = 1L << 47;
    /** TASK_SIZE_MAX = DEFAULT_MAP_WINDOW = (1 << 47) - PAGE_SIZE: the last page is never mapped. */
    public static final long TASK_SIZE_MAX = USER_SPACE_END - PAGE_SIZE;

    public static final int LEVEL_PTE = 1;
    public static final int LEVEL_PMD = 2;
    public static final int LEVEL_PUD = 3;
    public static final int LEVEL_PGD = 4;

    private Paging() {
    }

    /** Bit position of the lowest address bit that indexes a table of {@code level}. */
    public static int shift(int level) {
        return PAGE_SHIFT + 9 * (level - 1);
    }

    /** pte_index / pmd_index / pud_index / pgd_index: the 9-bit index of vaddr at {@code level}. */
    public static int index(int level, long vaddr) {
        return (int) ((vaddr >>> shift(level)) & (PTRS_PER_TABLE - 1));
    }

    /** A 48-bit canonical address: bits 63..47 all equal (otherwise the CPU raises #GP). */
    public static boolean isCanonical(long vaddr) {
        return (vaddr << 16) >> 16 == vaddr;
    }

    /** A user-space address: canonical and in the lower half. */
    public static boolean isUserAddress(long vaddr) {
        return vaddr >= 0 && vaddr < USER_SPACE_END;
    }

    /** The kernel's name of the table at {@code level}, as the walk record prints it. */
    public static String levelName(int level) {
        return switch (level) {
            case LEVEL_PTE -> "PT";
            case LEVEL_PMD -> "PD";
            case LEVEL_PUD -> "PDPT";
            case LEVEL_PGD -> "PML4";
            default -> throw new IllegalArgumentException("no paging level " + level);
        };
    }

    static void requireUser(long vaddr) {
        if (!isUserAddress(vaddr)) {
            throw new IllegalArgumentException(String.format("not a user address: 0x%x", vaddr));
        }
    }

    static void requireUserRange(long start, long end) {
        if (start < 0 || end > USER_SPACE_END || start > end) {
            throw new IllegalArgumentException(String.format("bad user range [0x%x, 0x%x)", start, end));
        }
    }

    static void requirePmdAligned(long vaddr) {
        if ((vaddr & (PMD_SIZE - 1)) != 0) {
            throw new IllegalArgumentException(String.format("0x%x is not 2 MB aligned", vaddr));
        }
    }
}
