package io.mmspec.runtime.mm.mmap;

/**
 * The sysctls, rlimits and build options mm/mmap.c reads, in one place, with the defaults of a
 * Linux 6.x x86-64 machine (kernel-facts.md section 0 and 4).
 *
 * @param maxMapCount       vm.max_map_count: DEFAULT_MAX_MAP_COUNT = USHRT_MAX - 5 = 65530
 * @param mmapMinAddr       the internal mmap_min_addr = max(dac_mmap_min_addr,
 *                          CONFIG_LSM_MMAP_MIN_ADDR 65536): floor for hints and searches
 * @param dacMmapMinAddr    vm.mmap_min_addr (CONFIG_DEFAULT_MMAP_MIN_ADDR 4096): below it even
 *                          MAP_FIXED fails with EPERM (no CAP_SYS_RAWIO)
 * @param thpAlignment      CONFIG_TRANSPARENT_HUGEPAGE: anonymous mmaps whose length is a
 *                          multiple of 2 MB get 2 MB-aligned addresses (whatever the THP mode)
 * @param denyWriteExec     MDWE (PR_MDWE_REFUSE_EXEC_GAIN) for every new mm; off in Linux
 * @param stackRlimit       RLIMIT_STACK soft limit (8 MB)
 * @param dataRlimit        RLIMIT_DATA (unlimited: Long.MAX_VALUE)
 * @param asRlimit          RLIMIT_AS (unlimited: Long.MAX_VALUE)
 * @param randomizeVaSpace  kernel.randomize_va_space: 0 off, 1 stack/mmap/PIE, 2 also brk
 * @param mmapRndBits       vm.mmap_rnd_bits (28)
 * @param stackGuardGap     stack_guard_gap: 256 pages = 1 MB
 * @param legacyVaLayout    vm.legacy_va_layout: bottom-up mmap from TASK_SIZE/3
 * @param overcommitMemory  vm.overcommit_memory (0 heuristic, 1 always, 2 never); mmap only
 *                          reads it for MAP_NORESERVE, the accounting itself is
 *                          {@link PageRangeOps#vmEnoughMemory}
 */
public record MmapConfig(
        int maxMapCount,
        long mmapMinAddr,
        long dacMmapMinAddr,
        boolean thpAlignment,
        boolean denyWriteExec,
        long stackRlimit,
        long dataRlimit,
        long asRlimit,
        int randomizeVaSpace,
        int mmapRndBits,
        long stackGuardGap,
        boolean legacyVaLayout,
        int overcommitMemory) {

    public static final long RLIM_INFINITY = Long.MAX_VALUE;

    /** The defaults of a 6.x x86-64 machine. */
    public static MmapConfig defaults() {
        return new MmapConfig(65530, 65536, 4096, true, false, 8L << 20, RLIM_INFINITY,
                RLIM_INFINITY, 2, 28, 256L << X86MmapLayout.PAGE_SHIFT, false, 0);
    }

    public MmapConfig withMaxMapCount(int count) {
        return new MmapConfig(count, mmapMinAddr, dacMmapMinAddr, thpAlignment, denyWriteExec,
                stackRlimit, dataRlimit, asRlimit, randomizeVaSpace, mmapRndBits, stackGuardGap,
                legacyVaLayout, overcommitMemory);
    }

    public MmapConfig withThpAlignment(boolean enabled) {
        return new MmapConfig(maxMapCount, mmapMinAddr, dacMmapMinAddr, enabled, denyWriteExec,
                stackRlimit, dataRlimit, asRlimit, randomizeVaSpace, mmapRndBits, stackGuardGap,
                legacyVaLayout, overcommitMemory);
    }

    public MmapConfig withDenyWriteExec(boolean deny) {
        return new MmapConfig(maxMapCount, mmapMinAddr, dacMmapMinAddr, thpAlignment, deny,
                stackRlimit, dataRlimit, asRlimit, randomizeVaSpace, mmapRndBits, stackGuardGap,
                legacyVaLayout, overcommitMemory);
    }

    /** {@code aslr off} is randomize_va_space 0; {@code aslr on} is 2. */
    public MmapConfig withRandomizeVaSpace(int level) {
        return new MmapConfig(maxMapCount, mmapMinAddr, dacMmapMinAddr, thpAlignment,
                denyWriteExec, stackRlimit, dataRlimit, asRlimit, level, mmapRndBits,
                stackGuardGap, legacyVaLayout, overcommitMemory);
    }

    public MmapConfig withStackRlimit(long bytes) {
        return new MmapConfig(maxMapCount, mmapMinAddr, dacMmapMinAddr, thpAlignment,
                denyWriteExec, bytes, dataRlimit, asRlimit, randomizeVaSpace, mmapRndBits,
                stackGuardGap, legacyVaLayout, overcommitMemory);
    }

    public MmapConfig withLegacyVaLayout(boolean legacy) {
        return new MmapConfig(maxMapCount, mmapMinAddr, dacMmapMinAddr, thpAlignment,
                denyWriteExec, stackRlimit, dataRlimit, asRlimit, randomizeVaSpace, mmapRndBits,
                stackGuardGap, legacy, overcommitMemory);
    }

    public MmapConfig withDataRlimit(long bytes) {
        return new MmapConfig(maxMapCount, mmapMinAddr, dacMmapMinAddr, thpAlignment,
                denyWriteExec, stackRlimit, bytes, asRlimit, randomizeVaSpace, mmapRndBits,
                stackGuardGap, legacyVaLayout, overcommitMemory);
    }

    /** PF_RANDOMIZE: set on exec when randomize_va_space is not 0. */
    public boolean randomize() {
        return randomizeVaSpace != 0;
    }
}
