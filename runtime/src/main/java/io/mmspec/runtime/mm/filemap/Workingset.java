package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;

/**
 * Thrash detection for the page cache. Mirrors mm/workingset.c: workingset_eviction() and
 * workingset_refault() with workingset_test_recent(), without MGLRU and memcg (one lruvec).
 *
 * <pre>
 *   evict:   shadow = nonresident_age snapshot | PG_workingset,  then nonresident_age += 1
 *   refault: distance = (nonresident_age - snapshot) &amp; EVICTION_MASK
 *            workingset_refault_file += 1
 *            distance &lt;= workingset size  -&gt;  activate, nonresident_age += 1, workingset_activate_file += 1
 *                                           and if the shadow had PG_workingset:
 *                                           PG_workingset again, workingset_restore_file += 1
 * </pre>
 * The distance is how many pages were evicted or activated while this one was out: had the
 * workingset been that much larger, the page would have stayed. The seed's rule ("readahead
 * hit rate below 25% shrinks the window") is not the kernel's and is not modelled.
 */
final class Workingset {
    /** WORKINGSET_SHIFT. */
    static final int WORKINGSET_SHIFT = 1;
    /**
     * EVICTION_SHIFT on x86-64: (BITS_PER_LONG - BITS_PER_XA_VALUE) + WORKINGSET_SHIFT +
     * NODES_SHIFT (10) + MEM_CGROUP_ID_SHIFT (16).
     */
    static final int EVICTION_SHIFT = 1 + WORKINGSET_SHIFT + 10 + 16;
    static final long EVICTION_MASK = -1L >>> EVICTION_SHIFT;

    private final MemMap memMap;
    private final VmEventCounters events;
    private FileLru lru;

    Workingset(MemMap memMap, VmEventCounters events, FileLru lru) {
        this.memMap = memMap;
        this.events = events;
        this.lru = lru;
    }

    void setLru(FileLru lru) {
        this.lru = lru;
    }

    /** workingset_eviction(): the shadow entry page {@code pfn} leaves behind. */
    long eviction(long pfn) {
        long eviction = lru.nonresidentAge() & EVICTION_MASK;
        lru.ageNonresident(1);
        return eviction << WORKINGSET_SHIFT | (memMap.testFlag(pfn, PageFlags.PG_workingset) ? 1 : 0);
    }

    /** workingset_refault(): returns true if the refaulting file page starts active. */
    boolean refault(long pfn, long shadow) {
        events.count(VmEvent.WORKINGSET_REFAULT_FILE);
        long distance = refaultDistance(shadow);
        if (distance > lru.workingsetSize()) {
            return false;
        }
        lru.ageNonresident(1);
        events.count(VmEvent.WORKINGSET_ACTIVATE_FILE);
        if ((shadow & 1) != 0) {
            memMap.setFlag(pfn, PageFlags.PG_workingset);
            events.count(VmEvent.WORKINGSET_RESTORE_FILE);
        }
        return true;
    }

    /** The refault distance of a shadow entry, now. */
    long refaultDistance(long shadow) {
        long eviction = shadow >>> WORKINGSET_SHIFT;
        return (lru.nonresidentAge() - eviction) & EVICTION_MASK;
    }
}
