package io.mmspec.runtime.mm.vmscan;

/**
 * enum lru_list of include/linux/mmzone.h, in the kernel's order: an inactive and an active list
 * for anonymous (swap-backed) pages and for file pages, and the unevictable list. Reclaim scans
 * the first four (for_each_evictable_lru).
 */
public enum LruList {
    INACTIVE_ANON("Inactive(anon)", "nr_inactive_anon"),
    ACTIVE_ANON("Active(anon)", "nr_active_anon"),
    INACTIVE_FILE("Inactive(file)", "nr_inactive_file"),
    ACTIVE_FILE("Active(file)", "nr_active_file"),
    UNEVICTABLE("Unevictable", "nr_unevictable");

    /** NR_EVICTABLE_LRU_LISTS... the lists reclaim scans: all but UNEVICTABLE. */
    static final int NR_EVICTABLE = 4;
    private static final LruList[] VALUES = values();

    private final String meminfoLabel;
    private final String vmstatName;

    LruList(String meminfoLabel, String vmstatName) {
        this.meminfoLabel = meminfoLabel;
        this.vmstatName = vmstatName;
    }

    /** is_file_lru(). */
    public boolean isFile() {
        return this == INACTIVE_FILE || this == ACTIVE_FILE;
    }

    /** is_active_lru(). */
    public boolean isActive() {
        return this == ACTIVE_ANON || this == ACTIVE_FILE;
    }

    /** The /proc/meminfo label of the list's size. */
    public String meminfoLabel() {
        return meminfoLabel;
    }

    /** The /proc/vmstat gauge of the list's size. */
    public String vmstatName() {
        return vmstatName;
    }

    /** The inactive or active list of a type: (file ? LRU_FILE : LRU_BASE) + (active ? LRU_ACTIVE : 0). */
    static LruList of(boolean file, boolean active) {
        return VALUES[(file ? 2 : 0) + (active ? 1 : 0)];
    }

    static LruList byIndex(int index) {
        return VALUES[index];
    }
}
