package io.mmspec.runtime;

import io.mmspec.runtime.mm.memory.OvercommitMode;
import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.sim.CostModel;
import java.util.List;

/**
 * Everything a machine boots with. Immutable; {@link #builder(long, int)} starts from the values of
 * DESIGN.md and the real kernel and changes one setting at a time.
 *
 * @param seed             drives ASLR and every random pattern
 * @param ramBytes         physical memory
 * @param cpus             online CPUs
 * @param disks            block devices by name
 * @param watermarks       a machine-wide min/low/high in pages, or null for the kernel's formula
 * @param minFreeKbytes    vm.min_free_kbytes set by the user, or null for the kernel's formula
 * @param thp              transparent hugepage mode
 * @param aslr             kernel.randomize_va_space 2 (true) or 0 (false)
 * @param swappiness       vm.swappiness
 * @param overcommit       vm.overcommit_memory
 * @param overcommitRatio  vm.overcommit_ratio
 * @param faultAroundBytes fault_around_bytes (debugfs), 65536
 * @param maxMapCount      vm.max_map_count, 65530
 * @param denyWriteExec    refuse mappings writable and executable at once (like MDWE)
 * @param costs            the cost model
 * @param pressure         swap, readahead and dirty-page settings
 * @param slubDebug        the slub_debug= boot parameter ("" off; "FZPU" is the bare
 *                         {@code slub_debug}: consistency checks, red zones, poisoning, user tracking)
 */
public record MachineConfig(
        long seed,
        long ramBytes,
        int cpus,
        List<BlockDevice> disks,
        Watermarks watermarks,
        Long minFreeKbytes,
        ThpMode thp,
        boolean aslr,
        int swappiness,
        OvercommitMode overcommit,
        int overcommitRatio,
        long faultAroundBytes,
        int maxMapCount,
        boolean denyWriteExec,
        CostModel costs,
        PressureConfig pressure,
        String slubDebug) {

    /** A machine-wide watermark triple in pages, split across zones by managed pages. */
    public record Watermarks(long min, long low, long high) {
        public Watermarks {
            if (min < 0 || low < min || high < low) {
                throw new IllegalArgumentException("watermarks must satisfy 0 <= min <= low <= high");
            }
        }
    }

    public MachineConfig {
        disks = List.copyOf(disks);
        slubDebug = slubDebug == null ? "" : slubDebug;
        if (ramBytes < (16L << 20)) {
            throw new IllegalArgumentException("a machine needs at least 16 MB of RAM");
        }
        if (cpus < 1 || cpus > 4096) {
            throw new IllegalArgumentException("cpus must be between 1 and 4096");
        }
        if (swappiness < 0 || swappiness > 200) {
            throw new IllegalArgumentException("swappiness must be between 0 and 200");
        }
    }

    /** The defaults: seed 0, thp madvise, aslr on, swappiness 60, heuristic overcommit. */
    public static MachineConfig defaults(long ramBytes, int cpus) {
        return builder(ramBytes, cpus).build();
    }

    public static Builder builder(long ramBytes, int cpus) {
        return new Builder(ramBytes, cpus);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(ramBytes, cpus);
        b.seed = seed;
        b.disks = disks;
        b.watermarks = watermarks;
        b.minFreeKbytes = minFreeKbytes;
        b.thp = thp;
        b.aslr = aslr;
        b.swappiness = swappiness;
        b.overcommit = overcommit;
        b.overcommitRatio = overcommitRatio;
        b.faultAroundBytes = faultAroundBytes;
        b.maxMapCount = maxMapCount;
        b.denyWriteExec = denyWriteExec;
        b.costs = costs;
        b.pressure = pressure;
        b.slubDebug = slubDebug;
        return b;
    }

    /** Collects a configuration one setting at a time; every default lives here. */
    public static final class Builder {
        private final long ramBytes;
        private final int cpus;
        private long seed;
        private List<BlockDevice> disks = List.of();
        private Watermarks watermarks;
        private Long minFreeKbytes;
        private ThpMode thp = ThpMode.MADVISE;
        private boolean aslr = true;
        private int swappiness = 60;
        private OvercommitMode overcommit = OvercommitMode.HEURISTIC;
        private int overcommitRatio = 50;
        private long faultAroundBytes = 65536;
        private int maxMapCount = 65530;
        private boolean denyWriteExec;
        private CostModel costs = CostModel.defaults();
        private PressureConfig pressure = PressureConfig.defaults();
        private String slubDebug = "";

        private Builder(long ramBytes, int cpus) {
            this.ramBytes = ramBytes;
            this.cpus = cpus;
        }

        public Builder seed(long value) { seed = value; return this; }
        public Builder disks(List<BlockDevice> value) { disks = value; return this; }
        public Builder watermarks(Watermarks value) { watermarks = value; return this; }
        public Builder minFreeKbytes(Long value) { minFreeKbytes = value; return this; }
        public Builder thp(ThpMode value) { thp = value; return this; }
        public Builder aslr(boolean value) { aslr = value; return this; }
        public Builder swappiness(int value) { swappiness = value; return this; }
        public Builder overcommit(OvercommitMode mode, int ratio) {
            overcommit = mode;
            overcommitRatio = ratio;
            return this;
        }
        public Builder faultAroundBytes(long value) { faultAroundBytes = value; return this; }
        public Builder maxMapCount(int value) { maxMapCount = value; return this; }
        public Builder denyWriteExec(boolean value) { denyWriteExec = value; return this; }
        public Builder costs(CostModel value) { costs = value; return this; }
        public Builder pressure(PressureConfig value) { pressure = value; return this; }
        /** slub_debug=: "" off, "FZPU" full debugging, or the kernel's per-cache form. */
        public Builder slubDebug(String value) { slubDebug = value; return this; }

        public MachineConfig build() {
            return new MachineConfig(seed, ramBytes, cpus, disks, watermarks, minFreeKbytes, thp,
                    aslr, swappiness, overcommit, overcommitRatio, faultAroundBytes, maxMapCount,
                    denyWriteExec, costs, pressure, slubDebug);
        }
    }
}
