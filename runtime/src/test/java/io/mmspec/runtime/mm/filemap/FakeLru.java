package io.mmspec.runtime.mm.filemap;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A stand-in for vmscan's lists: remembers which pages were added active or inactive, which
 * were accessed, deleted and rotated, and keeps nonresident_age. The workingset size is the
 * active count plus {@link #extraWorkingset}.
 */
final class FakeLru implements FileLru {
    final Set<Long> active = new LinkedHashSet<>();
    final Set<Long> inactive = new LinkedHashSet<>();
    final List<Long> accessed = new ArrayList<>();
    final List<Long> rotated = new ArrayList<>();
    long nonresidentAge;
    long extraWorkingset;

    @Override
    public void addNew(long pfn, boolean activate) {
        (activate ? active : inactive).add(pfn);
    }

    @Override
    public void markAccessed(long pfn) {
        accessed.add(pfn);
    }

    @Override
    public void delete(long pfn) {
        active.remove(pfn);
        inactive.remove(pfn);
    }

    /** What isolation does before reclaim removes a page. */
    void isolate(long pfn) {
        delete(pfn);
    }

    @Override
    public void rotateReclaimable(long pfn) {
        rotated.add(pfn);
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
        return active.size() + extraWorkingset;
    }

    @Override
    public long fileLruPages() {
        return active.size() + inactive.size();
    }
}
