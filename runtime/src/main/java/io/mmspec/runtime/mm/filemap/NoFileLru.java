package io.mmspec.runtime.mm.filemap;

import java.util.function.LongSupplier;

/**
 * The stand-in LRU until vmscan is wired in: no lists, so no page is ever active (the
 * workingset size is 0) and every cached page counts as an inactive file page, as /proc shows
 * it with LRU aging idle. It still keeps nonresident_age, so shadow entries stay exact.
 */
final class NoFileLru implements FileLru {
    private final LongSupplier cachedPages;
    private long nonresidentAge;

    NoFileLru(LongSupplier cachedPages) {
        this.cachedPages = cachedPages;
    }

    @Override
    public void addNew(long pfn, boolean activate) {
    }

    @Override
    public void markAccessed(long pfn) {
    }

    @Override
    public void delete(long pfn) {
    }

    @Override
    public void rotateReclaimable(long pfn) {
    }

    @Override
    public long nonresidentAge() {
        return nonresidentAge;
    }

    @Override
    public void ageNonresident(long pages) {
        nonresidentAge += pages;
    }

    @Override
    public long workingsetSize() {
        return 0;
    }

    @Override
    public long fileLruPages() {
        return cachedPages.getAsLong();
    }
}
