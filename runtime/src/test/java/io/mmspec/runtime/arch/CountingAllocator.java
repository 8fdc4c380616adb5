package io.mmspec.runtime.arch;

import java.util.TreeSet;

/** A page-table page source for tests: hands out pfns from 0x1000 upward and catches double frees. */
final class CountingAllocator implements PageTableAllocator {
    static final long FIRST_PFN = 0x1000;

    private long next = FIRST_PFN;
    private final TreeSet<Long> live = new TreeSet<>();
    private long allocations;
    private long frees;

    @Override
    public long allocTablePage() {
        long pfn = next++;
        live.add(pfn);
        allocations++;
        return pfn;
    }

    @Override
    public void freeTablePage(long pfn) {
        if (!live.remove(pfn)) {
            throw new IllegalStateException("freeing table page 0x" + Long.toHexString(pfn) + " that is not allocated");
        }
        frees++;
    }

    int live() {
        return live.size();
    }

    long allocations() {
        return allocations;
    }

    long frees() {
        return frees;
    }
}
