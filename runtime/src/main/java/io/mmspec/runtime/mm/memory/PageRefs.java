package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.mm.filemap.AddressSpace;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.ShmemFile;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.CostModel;

/**
 * Page references and reverse-map counts of user pages. Mirrors mm/rmap.c
 * (folio_add_new_anon_rmap, folio_add_file_rmap_pte, folio_dup_file_rmap, folio_remove_rmap)
 * and mm/swap.c (folio_put): a page's mapcount counts the PTEs (or the PMD) mapping it; its
 * refcount counts those plus the page cache's own reference; the page is freed when the
 * refcount drops to zero.
 */
public final class PageRefs {
    private final PageAllocator allocator;
    private final MemMap memMap;
    private final CostMeter meter;
    private final CostModel costs;
    /** NR_ANON_MAPPED, NR_FILE_MAPPED, NR_ANON_THPS: kept as the kernel keeps them, checked by a recount. */
    private long nrAnonMapped;
    private long nrFileMapped;
    private long nrAnonThps;
    private LruPages lru = LruPages.NONE;
    private SwapPages swapCache;

    /** The node's LRU lists (mm/vmscan.c) and the swap cache, once reclaim is wired. */
    public void setReclaim(LruPages lruvec, SwapPages cache) {
        this.lru = lruvec;
        this.swapCache = cache;
    }

    public PageRefs(PageAllocator allocator, CostMeter meter, CostModel costs) {
        this.allocator = allocator;
        this.memMap = allocator.memMap();
        this.meter = meter;
        this.costs = costs;
    }

    public MemMap memMap() {
        return memMap;
    }

    /**
     * vma_alloc_folio(GFP_HIGHUSER_MOVABLE [| __GFP_ZERO]): a user page of {@code order},
     * zeroed if asked (charging clear_page for each 4 KB), or -1 if none could be had.
     */
    public long allocUserPage(int order, boolean zero, int cpu) {
        Gfp gfp = order > 0 ? Gfp.GFP_TRANSHUGE_LIGHT.andNot(Gfp.__GFP_COMP) : Gfp.GFP_HIGHUSER_MOVABLE;
        long pfn = allocator.allocPages(order, zero ? gfp.or(Gfp.__GFP_ZERO) : gfp, cpu);
        if (pfn >= 0 && zero) {
            meter.charge(costs.zeroPageNs() << order);
        }
        return pfn;
    }

    /** folio_add_new_anon_rmap(): a fresh anonymous page (or THP), mapped once, owned by anonVma. */
    public void addNewAnonRmap(long pfn, int order, Object anonVma, long index) {
        addNewAnonRmap(pfn, order, anonVma, index, 0);
    }

    /**
     * As above, for a page that goes into a VMA with {@code vmFlags}: in a VM_LOCKED VMA it
     * starts on the unevictable list (folio_add_lru_vma → mlock_new_folio).
     */
    public void addNewAnonRmap(long pfn, int order, Object anonVma, long index, long vmFlags) {
        memMap.setMapping(pfn, anonVma, true);
        memMap.setIndex(pfn, index);
        memMap.setFlag(pfn, PageFlags.PG_swapbacked);
        memMap.setFlag(pfn, PageFlags.PG_uptodate);
        memMap.incMapcount(pfn); // the allocation's reference is the mapping's
        if (!memMap.testFlag(pfn, PageFlags.PG_lru)) { // a swap-cache page already is
            lru.add(pfn, order, vmFlags); // folio_add_lru_vma(): new pages start inactive
        }
        nrAnonMapped += 1L << order;
        if (order > 0) {
            nrAnonThps++;
        }
    }

    /** folio_add_file_rmap_pte() / folio_dup_*_rmap(): one more PTE maps the page. */
    public void addMapping(long pfn) {
        if (memMap.mapcount(pfn) == 0 && !isAnon(pfn)) {
            nrFileMapped++;
        }
        memMap.incMapcount(pfn);
        memMap.incRefcount(pfn);
    }

    /** folio_remove_rmap_pte() then folio_put(): one PTE less; frees the page at zero. */
    public void removeMapping(long pfn, int order, int cpu) {
        int mapcount = memMap.decMapcount(pfn);
        if (mapcount == 0 && swapCache != null && isAnon(pfn)) {
            swapCache.freeSwapCache(pfn); // a page nobody maps need not keep its swap slot
        }
        if (mapcount == 0) {
            if (isAnon(pfn)) {
                nrAnonMapped -= 1L << order;
                if (order > 0) {
                    nrAnonThps--;
                }
            } else {
                nrFileMapped -= 1L << order;
            }
        }
        put(pfn, order, cpu);
    }

    /** put_page() / __free_pages(): drops one reference; the last one frees the page(s). */
    public void put(long pfn, int order, int cpu) {
        if (memMap.refcount(pfn) == 1) {
            lru.release(pfn); // __page_cache_release(): off the LRU before the free
            allocator.freePages(pfn, order, cpu);
        } else {
            memMap.decRefcount(pfn);
        }
    }

    /**
     * split_huge_page() of a PMD-mapped THP: 512 pages that each carry the huge page's mapping,
     * index, flags and counts, so each can be copied or freed alone.
     */
    public void splitHugePage(long head, int order) {
        int mapcount = memMap.mapcount(head);
        int refcount = memMap.refcount(head);
        Object mapping = memMap.mapping(head);
        boolean anon = memMap.isAnon(head);
        long index = memMap.index(head);
        boolean onLru = lru.isolate(head);
        allocator.splitPage(head, order);
        for (int i = 0; i < 1 << order; i++) {
            long pfn = head + i;
            memMap.setMapping(pfn, mapping, anon);
            memMap.setIndex(pfn, index + i);
            memMap.setFlag(pfn, PageFlags.PG_swapbacked);
            memMap.setFlag(pfn, PageFlags.PG_uptodate);
            memMap.setRefcount(pfn, refcount);
            while (memMap.mapcount(pfn) < mapcount) {
                memMap.incMapcount(pfn);
            }
            if (onLru) {
                memMap.clearFlag(pfn, PageFlags.PG_active);
                lru.add(pfn, 0, 0);
            }
        }
        nrAnonThps--;
    }

    public long nrAnonMapped() {
        return nrAnonMapped;
    }

    public long nrFileMapped() {
        return nrFileMapped;
    }

    public long nrAnonThps() {
        return nrAnonThps;
    }

    /**
     * The RSS counter a mapping of this page counts in (mm_counter()): anonymous pages in
     * MM_ANONPAGES, shared anonymous memory (shmem) in MM_SHMEMPAGES, file pages in MM_FILEPAGES.
     */
    public MmCounter mmCounter(long pfn) {
        if (isAnon(pfn)) {
            return MmCounter.MM_ANONPAGES;
        }
        Object mapping = memMap.mapping(pfn);
        return mapping instanceof AddressSpace space && space.host() instanceof ShmemFile
                ? MmCounter.MM_SHMEMPAGES : MmCounter.MM_FILEPAGES;
    }

    /** folio_free_swap(): an anonymous page in the swap cache gives its slot back if nothing else uses it. */
    public void freeSwapIfUnused(long pfn) {
        if (swapCache != null && swapCache.isSwapCache(pfn)) {
            swapCache.folioFreeSwap(pfn);
        }
    }

    /** True for an anonymous page (PageAnon: mapping is an anon_vma). */
    public boolean isAnon(long pfn) {
        return memMap.isAnon(pfn);
    }

    /** copy_user_highpage(): the bytes of one page into another, charging the copy. */
    public void copyPage(long srcPfn, long dstPfn) {
        memMap.copyPage(srcPfn, dstPfn);
        meter.charge(costs.copyPageNs());
    }
}
