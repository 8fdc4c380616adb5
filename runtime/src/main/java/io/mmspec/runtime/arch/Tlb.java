package io.mmspec.runtime.arch;

/**
 * One CPU's translation lookaside buffer with PCIDs, as Linux 6.x uses it (arch/x86/mm/tlb.c):
 * entries are tagged by ASID (the kernel writes PCID = ASID + 1 into CR3), so switching between
 * address spaces keeps their translations; {@link #flushOne} is INVLPG, {@link #flushAsid} a CR3
 * write without the NOFLUSH bit (or INVPCID single-context), {@link #flushAll} INVPCID
 * all-context.
 *
 * Two fully associative arrays, LRU replaced: 4 KB entries keyed by (ASID, vaddr >> 12) and
 * 2 MB entries keyed by (ASID, vaddr >> 21). The defaults, {@value #DEFAULT_ENTRIES_4K} and
 * {@value #DEFAULT_ENTRIES_2M}, are a Skylake-class core's second-level TLB and its first-level
 * 2 MB entries. Not modelled: set associativity, the split L1 dTLB/iTLB, 1 GB entries, global
 * (kernel) entries and the paging-structure caches.
 *
 * A cached entry is the leaf as the walk saw it (accessed bit set, dirty bit as it was), with
 * RW/USER/NX already combined over the four levels.
 */
public final class Tlb {
    public static final int DEFAULT_ENTRIES_4K = 1536;
    public static final int DEFAULT_ENTRIES_2M = 32;

    private final TlbArray small;
    private final TlbArray large;
    private long hits;
    private long misses;
    private long onePageFlushes;
    private long rangeFlushes;
    private long fullFlushes;
    private long entriesFlushed;
    private long evictions;

    public Tlb() {
        this(DEFAULT_ENTRIES_4K, DEFAULT_ENTRIES_2M);
    }

    public Tlb(int entries4k, int entries2m) {
        small = new TlbArray(entries4k);
        large = new TlbArray(entries2m);
    }

    /** The cached leaf for (asid, vaddr): the 4 KB entry, else the 2 MB one; 0 on a miss. */
    long lookup(int asid, long vaddr) {
        long entry = small.lookup(TlbArray.key(asid, vaddr >>> Paging.PAGE_SHIFT));
        return entry != 0 ? entry : large.lookup(TlbArray.key(asid, vaddr >>> Paging.PMD_SHIFT));
    }

    /** Caches a successful translation (never a failed one). */
    void fill(int asid, long vaddr, long entry, boolean huge) {
        evictions += huge
                ? large.insert(TlbArray.key(asid, vaddr >>> Paging.PMD_SHIFT), entry)
                : small.insert(TlbArray.key(asid, vaddr >>> Paging.PAGE_SHIFT), entry);
    }

    /** INVLPG: drops whatever maps the page containing vaddr in this ASID, 4 KB or 2 MB. */
    void flushOne(int asid, long vaddr) {
        onePageFlushes++;
        entriesFlushed += small.invalidate(TlbArray.key(asid, vaddr >>> Paging.PAGE_SHIFT))
                + large.invalidate(TlbArray.key(asid, vaddr >>> Paging.PMD_SHIFT));
    }

    /** The invalidation a page fault makes of the entry it faulted on (not counted as a flush). */
    void dropFaulting(int asid, long vaddr) {
        small.invalidate(TlbArray.key(asid, vaddr >>> Paging.PAGE_SHIFT));
        large.invalidate(TlbArray.key(asid, vaddr >>> Paging.PMD_SHIFT));
    }

    /** Flushes every entry of one ASID (CR3 write without NOFLUSH). */
    void flushAsid(int asid) {
        fullFlushes++;
        entriesFlushed += small.invalidateAsid(asid) + large.invalidateAsid(asid);
    }

    /** Flushes everything, every ASID (__flush_tlb_all). */
    void flushAll() {
        fullFlushes++;
        entriesFlushed += small.invalidateAll() + large.invalidateAll();
    }

    /** A partial flush of the kernel (flush_tlb_func's page-by-page path) ran on this TLB. */
    void countRangeFlush() {
        rangeFlushes++;
    }

    void countHit() {
        hits++;
    }

    void countMiss() {
        misses++;
    }

    /** Translations served from the TLB without a page walk. */
    public long hits() {
        return hits;
    }

    /** Translations that needed a page walk (no entry, or a write to a clean cached entry). */
    public long misses() {
        return misses;
    }

    /** INVLPG executions (one per page of a range flush). */
    public long onePageFlushes() {
        return onePageFlushes;
    }

    /** Partial flushes: ranges of at most 33 pages invalidated page by page. */
    public long rangeFlushes() {
        return rangeFlushes;
    }

    /** Flushes of a whole ASID or of the whole TLB, context-switch flushes included. */
    public long fullFlushes() {
        return fullFlushes;
    }

    /** Entries removed by flushes of any kind. */
    public long entriesFlushed() {
        return entriesFlushed;
    }

    /** Entries pushed out by LRU replacement to make room. */
    public long evictions() {
        return evictions;
    }

    /** Entries currently held, 4 KB and 2 MB. */
    public int entries() {
        return small.size() + large.size();
    }

    public int entries4k() {
        return small.size();
    }

    public int entries2m() {
        return large.size();
    }

    /** Entries held for one ASID, both sizes. */
    public int entries(int asid) {
        return small.size(asid) + large.size(asid);
    }

    public int capacity4k() {
        return small.capacity();
    }

    public int capacity2m() {
        return large.capacity();
    }

    public void checkInvariants() {
        small.checkInvariants();
        large.checkInvariants();
    }
}
