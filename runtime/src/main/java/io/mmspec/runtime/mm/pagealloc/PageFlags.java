package io.mmspec.runtime.mm.pagealloc;

/**
 * Bit numbers of page->flags and the values of page->page_type. Mirrors
 * include/linux/page-flags.h of Linux 6.18 (enum pageflags with CONFIG_MMU,
 * CONFIG_MEMORY_FAILURE and CONFIG_PAGE_IDLE_FLAG; enum pagetype). The aliases share a bit as in
 * the kernel: PG_swapcache is PG_owner_priv_1 (the kernel's PageSwapCache also requires
 * PG_swapbacked), PG_anon_exclusive is PG_owner_2, PG_readahead is PG_reclaim.
 *
 * <p>Page types are not flags: a page has at most one (PGTY_buddy for the head of a free block,
 * PGTY_table for a page-table page, PGTY_slab for a slab page, ...). Buddy is the allocator's
 * alone; it is set and cleared only by the page allocator.
 */
public final class PageFlags {
    public static final int PG_locked = 0;
    public static final int PG_writeback = 1;
    public static final int PG_referenced = 2;
    public static final int PG_uptodate = 3;
    public static final int PG_dirty = 4;
    public static final int PG_lru = 5;
    public static final int PG_head = 6;
    public static final int PG_waiters = 7;
    public static final int PG_active = 8;
    public static final int PG_workingset = 9;
    public static final int PG_owner_priv_1 = 10;
    public static final int PG_owner_2 = 11;
    public static final int PG_arch_1 = 12;
    public static final int PG_reserved = 13;
    public static final int PG_private = 14;
    public static final int PG_private_2 = 15;
    public static final int PG_reclaim = 16;
    public static final int PG_swapbacked = 17;
    public static final int PG_unevictable = 18;
    public static final int PG_dropbehind = 19;
    public static final int PG_mlocked = 20;
    public static final int PG_hwpoison = 21;
    public static final int PG_young = 22;
    public static final int PG_idle = 23;
    /** __NR_PAGEFLAGS of this configuration. */
    public static final int NR_PAGEFLAGS = 24;

    public static final int PG_readahead = PG_reclaim;
    public static final int PG_swapcache = PG_owner_priv_1;
    public static final int PG_checked = PG_owner_priv_1;
    public static final int PG_anon_exclusive = PG_owner_2;
    public static final int PG_mappedtodisk = PG_owner_2;

    public static final int PGTY_buddy = 0xf0;
    public static final int PGTY_offline = 0xf1;
    public static final int PGTY_table = 0xf2;
    public static final int PGTY_guard = 0xf3;
    public static final int PGTY_hugetlb = 0xf4;
    public static final int PGTY_slab = 0xf5;
    public static final int PGTY_zsmalloc = 0xf6;
    public static final int PGTY_unaccepted = 0xf7;
    public static final int PGTY_large_kmalloc = 0xf8;

    /** PAGE_FLAGS_CHECK_AT_FREE: a page freed with one of these set is in a bad state. */
    public static final int PAGE_FLAGS_CHECK_AT_FREE = 1 << PG_lru | 1 << PG_locked | 1 << PG_private
            | 1 << PG_private_2 | 1 << PG_writeback | 1 << PG_reserved | 1 << PG_active
            | 1 << PG_unevictable | 1 << PG_mlocked;

    /** PAGE_FLAGS_CHECK_AT_PREP: every flag bit, cleared when a page is freed. */
    public static final int PAGE_FLAGS_CHECK_AT_PREP = (1 << NR_PAGEFLAGS) - 1;

    /** __def_pageflag_names in the order %pGp prints them. */
    private static final int[] NAME_ORDER = {PG_locked, PG_waiters, PG_referenced, PG_uptodate, PG_dirty,
        PG_lru, PG_active, PG_workingset, PG_owner_priv_1, PG_owner_2, PG_arch_1, PG_reserved, PG_private,
        PG_private_2, PG_writeback, PG_head, PG_reclaim, PG_swapbacked, PG_unevictable, PG_dropbehind,
        PG_mlocked, PG_hwpoison, PG_idle, PG_young};
    private static final String[] NAMES = {"locked", "waiters", "referenced", "uptodate", "dirty", "lru",
        "active", "workingset", "owner_priv_1", "owner_2", "arch_1", "reserved", "private", "private_2",
        "writeback", "head", "reclaim", "swapbacked", "unevictable", "dropbehind", "mlocked", "hwpoison",
        "idle", "young"};

    private PageFlags() {
    }

    /** The flags as dump_page() prints them with %pGp: "referenced|uptodate|lru". */
    public static String format(int flags) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < NAME_ORDER.length; i++) {
            if ((flags & (1 << NAME_ORDER[i])) != 0) {
                if (out.length() > 0) {
                    out.append('|');
                }
                out.append(NAMES[i]);
            }
        }
        return out.toString();
    }
}
