package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.PageFlags.*;

/**
 * The struct-page part of migrating an order-0 page. Mirrors mm/migrate.c:
 * folio_migrate_mapping() (mapping, index, PG_swapbacked, PG_swapcache with its private swap
 * entry) and folio_migrate_flags() (referenced, uptodate, active or unevictable, workingset,
 * checked, mappedtodisk/anon_exclusive, dirty, young, idle, readahead), then the copy of the
 * data (folio_copy()).
 *
 * <p>Not moved: PG_locked, PG_writeback, PG_lru (the caller isolated the page from its LRU and
 * puts the new one back), PG_head (the destination's own allocation decides), PG_private,
 * PG_mlocked (remove_migration_ptes() mlocks the new page again), refcount and mapcount (the
 * caller's rmap walk moves the mappings). As in the kernel the source loses PG_active,
 * PG_unevictable, PG_swapcache, PG_private and its private value, and a file page's source
 * loses its mapping (move_to_new_folio()); an anonymous source keeps it until it is freed.
 */
final class PageMigration {
    private static final int[] COPIED = {PG_referenced, PG_uptodate, PG_workingset, PG_owner_priv_1,
        PG_owner_2, PG_dirty, PG_young, PG_idle, PG_reclaim, PG_swapbacked};

    private PageMigration() {
    }

    static void migrate(MemMap map, long src, long dst) {
        if (map.folioOrder(src) != 0 || map.isTail(src)) {
            throw new IllegalArgumentException("migratePageData moves order-0 pages; pfn " + src + " is compound");
        }
        map.setMapping(dst, map.mapping(src), map.isAnon(src));
        map.setIndex(dst, map.index(src));
        if (map.testFlag(src, PG_swapcache) && map.testFlag(src, PG_swapbacked)) {
            map.setPagePrivate(dst, map.pagePrivate(src));
        }
        for (int bit : COPIED) {
            if (map.testFlag(src, bit)) {
                map.setFlag(dst, bit);
            }
        }
        if (map.testAndClearFlag(src, PG_active)) {
            map.setFlag(dst, PG_active);
        } else if (map.testAndClearFlag(src, PG_unevictable)) {
            map.setFlag(dst, PG_unevictable);
        }
        if (map.testFlag(src, PG_swapbacked)) {
            map.clearFlag(src, PG_swapcache);
        }
        map.clearFlag(src, PG_private);
        map.setPagePrivate(src, 0);
        if (!map.isAnon(src)) {
            map.setMapping(src, null, false);
        }
        map.copyPage(src, dst);
    }
}
