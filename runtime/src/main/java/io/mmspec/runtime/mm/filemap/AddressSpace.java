package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.mmap.MappedFile;
import io.mmspec.runtime.sim.LongLongMap;

/**
 * The cached pages of one file (struct address_space and its i_pages XArray): page index to
 * page frame number, plus the shadow entries evicted pages leave behind (XArray value
 * entries, mm/workingset.c), the dirty and writeback page counts (the PAGECACHE_TAG_DIRTY and
 * PAGECACHE_TAG_WRITEBACK marks) and inode-&gt;dirtied_when. Also the {@code mapping} a
 * page-cache page points back to.
 */
public final class AddressSpace {
    /** Returned by {@link #lookup(long)} for an uncached index. */
    public static final long NONE = -1;
    /** Returned by {@link #shadow(long)} where no shadow entry is stored. */
    public static final long NO_SHADOW = -1;

    private final MappedFile host;
    private final int id;
    private final LongLongMap pages = new LongLongMap();
    private final LongLongMap shadows = new LongLongMap();
    long nrDirty;
    long nrWriteback;
    long dirtiedWhen = -1;

    AddressSpace(MappedFile host, int id) {
        this.host = host;
        this.id = id;
    }

    public MappedFile host() {
        return host;
    }

    /** The order in which the cache first saw the file: a stable, deterministic key. */
    public int id() {
        return id;
    }

    /** mapping_can_writeback(): a file on a disk, not shmem. */
    public boolean canWriteback() {
        return host instanceof Inode;
    }

    /** The pfn caching page {@code index}, or {@link #NONE}. */
    public long lookup(long index) {
        return pages.get(index, NONE);
    }

    /** The shadow entry at {@code index} (an evicted page's workingset record), or {@link #NO_SHADOW}. */
    public long shadow(long index) {
        return shadows.get(index, NO_SHADOW);
    }

    /** Pages of this file in the cache (mapping-&gt;nrpages). */
    public long nrpages() {
        return pages.size();
    }

    /** Shadow entries of evicted pages. */
    public long nrShadows() {
        return shadows.size();
    }

    /** Dirty pages (accounted in NR_FILE_DIRTY). */
    public long nrDirty() {
        return nrDirty;
    }

    /** Pages under writeback (NR_WRITEBACK). */
    public long nrWriteback() {
        return nrWriteback;
    }

    /** inode-&gt;dirtied_when in ns: when the file went from clean to dirty; -1 while clean. */
    public long dirtiedWhen() {
        return dirtiedWhen;
    }

    /** The cached page indexes in ascending order. */
    public long[] cachedIndexes() {
        return pages.sortedKeys();
    }

    /** The indexes holding shadow entries, ascending. */
    public long[] shadowIndexes() {
        return shadows.sortedKeys();
    }

    /** Stores a page, replacing a shadow entry; returns that shadow or {@link #NO_SHADOW}. */
    long insert(long index, long pfn) {
        if (pages.containsKey(index)) {
            throw new IllegalStateException(this + " already caches index " + index);
        }
        long shadow = shadows.remove(index, NO_SHADOW);
        pages.put(index, pfn);
        return shadow;
    }

    long remove(long index) {
        return pages.remove(index, NONE);
    }

    void replace(long index, long pfn) {
        pages.put(index, pfn);
    }

    void storeShadow(long index, long shadow) {
        shadows.put(index, shadow);
    }

    @Override
    public String toString() {
        return "address_space(" + host.path() + ")";
    }
}
