package io.mmspec.runtime.mm.mmap;

import java.util.SplittableRandom;

/**
 * Where things go in an x86-64 address space (4-level paging), and how ASLR moves them.
 * Mirrors arch/x86/mm/mmap.c (arch_pick_mmap_layout, mmap_base, arch_rnd, stack_maxrandom_size,
 * arch_randomize_brk), mm/util.c (randomize_page, randomize_stack_top), arch/x86/kernel/process.c
 * (arch_align_stack) and the ELF_ET_DYN_BASE of arch/x86/include/asm/elf.h.
 *
 * <pre>
 *   TASK_SIZE 0x7ffffffff000 +------------------+  STACK_TOP (minus up to 16 GB of ASLR)
 *                            | [stack]  grows v |
 *                            |   gap >= 128 MB  |  8 MB rlimit + 16 GB random + 1 MB guard
 *                mmap_base   +------------------+  minus up to 1 TB of ASLR (28 bits of pages)
 *                            | mmaps, top-down v|
 *                            |       ...        |
 *                            | [heap]  grows ^  |  start_brk: after bss (+1 page +1 GB random)
 *                            | text data bss    |  0x400000, or PIE at 0x555555554000 + rnd
 *   mmap_min_addr 0x10000    +------------------+
 * </pre>
 *
 * Every random number comes from the caller's SplittableRandom, drawn in the kernel's order
 * (mmap base, stack top, stack alignment, PIE base, brk), and only when PF_RANDOMIZE is set.
 */
public final class X86MmapLayout {
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_SIZE = 1L << PAGE_SHIFT;
    public static final long PAGE_MASK = ~(PAGE_SIZE - 1);
    /** HPAGE_PMD_SIZE: what one PMD entry maps (a THP). */
    public static final long PMD_SIZE = 2L << 20;
    /** TASK_SIZE = TASK_SIZE_MAX = DEFAULT_MAP_WINDOW with 4-level paging: (1 << 47) - 4096. */
    public static final long TASK_SIZE = (1L << 47) - PAGE_SIZE;
    /** STACK_TOP = TASK_SIZE_LOW. */
    public static final long STACK_TOP = TASK_SIZE;
    /** ELF_ET_DYN_BASE = DEFAULT_MAP_WINDOW / 3 * 2 = 0x555555554aaa, where PIEs load. */
    public static final long ELF_ET_DYN_BASE = TASK_SIZE / 3 * 2;
    /** The link address of a classic non-PIE x86-64 executable (ld's text-segment default). */
    public static final long ELF_EXEC_BASE = 0x400000L;
    /** __STACK_RND_MASK for 64-bit tasks: 22 bits of pages, 16 GB. */
    static final long STACK_RND_MASK = 0x3fffffL;
    /** setup_arg_pages()'s stack_expand: the stack starts 128 KB below the argument pages. */
    static final long STACK_EXPAND = 128L << 10;
    /** arch_randomize_brk() on 64-bit: randomize_page(brk, SZ_1G). */
    static final long BRK_RANDOM_RANGE = 1L << 30;
    private static final long SIZE_128M = 128L << 20;

    private X86MmapLayout() {
    }

    public static long pageAlign(long addr) {
        return (addr + PAGE_SIZE - 1) & PAGE_MASK;
    }

    /**
     * arch_pick_mmap_layout(): top-down unless legacy_va_layout, mmap_base below the stack gap,
     * and mmap_legacy_base at TASK_SIZE/3 (the bottom-up fallback), both moved by one random
     * number of mmap_rnd_bits pages.
     */
    static void archPickMmapLayout(MmStruct mm, MmapConfig cfg, SplittableRandom random) {
        long rnd = archRnd(cfg, random, cfg.mmapRndBits());
        long legacyBase = pageAlign(TASK_SIZE / 3) + rnd;
        mm.setMmapLayout(!cfg.legacyVaLayout(),
                cfg.legacyVaLayout() ? legacyBase : mmapBase(cfg, rnd), legacyBase);
    }

    /** mmap_base(): PAGE_ALIGN(TASK_SIZE - gap - rnd), gap clamped to [128 MB, 5/6 TASK_SIZE]. */
    static long mmapBase(MmapConfig cfg, long rnd) {
        long gap = cfg.stackRlimit();
        long pad = stackMaxRandomSize(cfg) + cfg.stackGuardGap();
        if (gap + pad > gap) { // values near RLIM_INFINITY would overflow
            gap += pad;
        }
        long gapMax = TASK_SIZE / 6 * 5;
        gap = Math.max(SIZE_128M, Math.min(gap, gapMax));
        return pageAlign(TASK_SIZE - gap - rnd);
    }

    /** stack_maxrandom_size(): how far randomize_stack_top() may move the stack (16 GB). */
    static long stackMaxRandomSize(MmapConfig cfg) {
        return cfg.randomize() ? STACK_RND_MASK << PAGE_SHIFT : 0;
    }

    /** arch_rnd() / arch_mmap_rnd(): {@code bits} random bits of page number, 0 without ASLR. */
    static long archRnd(MmapConfig cfg, SplittableRandom random, int bits) {
        if (!cfg.randomize()) {
            return 0;
        }
        return (random.nextLong() & ((1L << bits) - 1)) << PAGE_SHIFT;
    }

    /** randomize_stack_top(): STACK_TOP lowered by up to STACK_RND_MASK pages. */
    static long randomizeStackTop(long stackTop, MmapConfig cfg, SplittableRandom random) {
        if (!cfg.randomize()) {
            return stackTop;
        }
        long shift = (random.nextLong() & STACK_RND_MASK) << PAGE_SHIFT;
        return pageAlign(stackTop) - shift;
    }

    /** arch_align_stack(): up to 8 KB lower, 16-byte aligned. */
    static long archAlignStack(long sp, MmapConfig cfg, SplittableRandom random) {
        if (cfg.randomize()) {
            sp -= random.nextInt(8192);
        }
        return sp & ~0xfL;
    }

    /** arch_randomize_brk(): randomize_page(brk, SZ_1G). */
    static long archRandomizeBrk(long brk, SplittableRandom random) {
        return randomizePage(brk, BRK_RANDOM_RANGE, random);
    }

    /** randomize_page(): a page-aligned address in [start, start + range). */
    static long randomizePage(long start, long range, SplittableRandom random) {
        if ((start & ~PAGE_MASK) != 0) {
            range -= pageAlign(start) - start;
            start = pageAlign(start);
        }
        long pages = range >>> PAGE_SHIFT;
        if (pages == 0) {
            return start;
        }
        return start + (Long.remainderUnsigned(random.nextLong(), pages) << PAGE_SHIFT);
    }
}
