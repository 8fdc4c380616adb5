package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.mm.mmap.MappedFile;
import io.mmspec.runtime.sim.LongLongMap;

/**
 * The cached pages of one file (struct address_space, its i_pages XArray): page index to
 * page frame number. Also the {@code mapping} a page-cache page points back to.
 */
public final class AddressSpace {
    /** Returned by {@link #lookup(long)} for an uncached index. */
    public static final long NONE = -1;

    private final MappedFile host;
    private final LongLongMap pages = new LongLongMap();

    AddressSpace(MappedFile host) {
        this.host = host;
    }

    public MappedFile host() {
        return host;
    }

    /** The pfn caching page {@code index}, or {@link #NONE}. */
    public long lookup(long index) {
        return pages.get(index, NONE);
    }

    /** Pages of this file in the cache (mapping->nrpages). */
    public long nrpages() {
        return pages.size();
    }

    void insert(long index, long pfn) {
        pages.put(index, pfn);
    }

    long remove(long index) {
        return pages.remove(index, NONE);
    }

    /** The cached page indexes in ascending order. */
    public long[] cachedIndexes() {
        return pages.sortedKeys();
    }

    @Override
    public String toString() {
        return "address_space(" + host.path() + ")";
    }
}
