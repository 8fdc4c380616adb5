package io.mmspec.runtime.mm.pagealloc;

/**
 * The mobility of a pageblock and of an allocation, the MIGRATE_PCPTYPES of
 * include/linux/mmzone.h with their kernel values (UNMOVABLE 0, MOVABLE 1, RECLAIMABLE 2).
 * HIGHATOMIC, CMA and ISOLATE are not modelled (see package-info).
 */
public enum MigrateType {
    UNMOVABLE("Unmovable"),
    MOVABLE("Movable"),
    RECLAIMABLE("Reclaimable");

    /** MIGRATE_PCPTYPES: the types that have per-CPU lists and fall back to each other. */
    public static final int MIGRATE_PCPTYPES = 3;

    private static final MigrateType[] VALUES = values();

    private final String kernelName;

    MigrateType(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The name /proc/pagetypeinfo prints (migratetype_names[]). */
    public String kernelName() {
        return kernelName;
    }

    static MigrateType of(int value) {
        return VALUES[value];
    }
}
