package io.mmspec.runtime.proc;

import java.util.Optional;

/**
 * The fields of /proc/meminfo in the kernel's order (fs/proc/meminfo.c: meminfo_proc_show).
 * Every field is a size in kB except the HugePages_* counts.
 */
public enum MeminfoField {
    MEM_TOTAL("MemTotal"), MEM_FREE("MemFree"), MEM_AVAILABLE("MemAvailable"),
    BUFFERS("Buffers"), CACHED("Cached"), SWAP_CACHED("SwapCached"),
    ACTIVE("Active"), INACTIVE("Inactive"),
    ACTIVE_ANON("Active(anon)"), INACTIVE_ANON("Inactive(anon)"),
    ACTIVE_FILE("Active(file)"), INACTIVE_FILE("Inactive(file)"),
    UNEVICTABLE("Unevictable"), MLOCKED("Mlocked"),
    SWAP_TOTAL("SwapTotal"), SWAP_FREE("SwapFree"), ZSWAP("Zswap"), ZSWAPPED("Zswapped"),
    DIRTY("Dirty"), WRITEBACK("Writeback"), ANON_PAGES("AnonPages"), MAPPED("Mapped"),
    SHMEM("Shmem"), K_RECLAIMABLE("KReclaimable"), SLAB("Slab"), S_RECLAIMABLE("SReclaimable"),
    S_UNRECLAIM("SUnreclaim"), KERNEL_STACK("KernelStack"), PAGE_TABLES("PageTables"),
    SEC_PAGE_TABLES("SecPageTables"), NFS_UNSTABLE("NFS_Unstable"), BOUNCE("Bounce"),
    WRITEBACK_TMP("WritebackTmp"), COMMIT_LIMIT("CommitLimit"), COMMITTED_AS("Committed_AS"),
    VMALLOC_TOTAL("VmallocTotal"), VMALLOC_USED("VmallocUsed"), VMALLOC_CHUNK("VmallocChunk"),
    PERCPU("Percpu"), ANON_HUGE_PAGES("AnonHugePages"), SHMEM_HUGE_PAGES("ShmemHugePages"),
    SHMEM_PMD_MAPPED("ShmemPmdMapped"), FILE_HUGE_PAGES("FileHugePages"),
    FILE_PMD_MAPPED("FilePmdMapped"), HUGE_PAGES_TOTAL("HugePages_Total", false),
    HUGE_PAGES_FREE("HugePages_Free", false), HUGE_PAGES_RSVD("HugePages_Rsvd", false),
    HUGE_PAGES_SURP("HugePages_Surp", false), HUGEPAGESIZE("Hugepagesize"), HUGETLB("Hugetlb"),
    DIRECT_MAP_4K("DirectMap4k"), DIRECT_MAP_2M("DirectMap2M"), DIRECT_MAP_1G("DirectMap1G");

    private final String label;
    private final boolean kilobytes;

    MeminfoField(String label) {
        this(label, true);
    }

    MeminfoField(String label, boolean kilobytes) {
        this.label = label;
        this.kilobytes = kilobytes;
    }

    /** The label as /proc/meminfo prints it, e.g. {@code Active(anon)}. */
    public String label() {
        return label;
    }

    /** True for sizes printed in kB, false for plain counts (HugePages_*). */
    public boolean isKilobytes() {
        return kilobytes;
    }

    public static Optional<MeminfoField> byLabel(String label) {
        for (MeminfoField field : values()) {
            if (field.label.equals(label)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
