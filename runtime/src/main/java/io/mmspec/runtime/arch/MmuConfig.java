package io.mmspec.runtime.arch;

/**
 * The MMU's shape, with defaults in one place.
 *
 * @param cpus                      online CPUs, each with its own TLB
 * @param tlbEntries4k              4 KB TLB entries per CPU (default 1536)
 * @param tlbEntries2m              2 MB TLB entries per CPU (default 32)
 * @param pcid                      X86_FEATURE_PCID: with it, 6 ASIDs per CPU keep entries across
 *                                  context switches; without it every switch flushes (the seed's
 *                                  "TLB flushed on every context switch")
 * @param tlbSinglePageFlushCeiling above this many pages a range flush becomes a full flush
 *                                  (tlb_single_page_flush_ceiling, debugfs, default 33)
 * @param physicalAddressBits       MAXPHYADDR (boot_cpu_data.x86_phys_bits, default 46): address
 *                                  bits above it in a present entry are reserved (X86_PF_RSVD)
 */
public record MmuConfig(int cpus, int tlbEntries4k, int tlbEntries2m, boolean pcid,
                        int tlbSinglePageFlushCeiling, int physicalAddressBits) {

    public MmuConfig {
        if (cpus < 1 || cpus > 4096) {
            throw new IllegalArgumentException("cpus must be 1..4096: " + cpus);
        }
        if (tlbSinglePageFlushCeiling < 0) {
            throw new IllegalArgumentException("negative flush ceiling: " + tlbSinglePageFlushCeiling);
        }
        if (physicalAddressBits < 36 || physicalAddressBits > 52) {
            throw new IllegalArgumentException("physical address bits must be 36..52: " + physicalAddressBits);
        }
    }

    /** A 6.x x86-64 machine with PCID, as on the reference machine. */
    public static MmuConfig defaults(int cpus) {
        return new MmuConfig(cpus, Tlb.DEFAULT_ENTRIES_4K, Tlb.DEFAULT_ENTRIES_2M, true, 33, 46);
    }

    public MmuConfig withPcid(boolean enabled) {
        return new MmuConfig(cpus, tlbEntries4k, tlbEntries2m, enabled, tlbSinglePageFlushCeiling,
                physicalAddressBits);
    }

    public MmuConfig withTlbEntries(int entries4k, int entries2m) {
        return new MmuConfig(cpus, entries4k, entries2m, pcid, tlbSinglePageFlushCeiling,
                physicalAddressBits);
    }
}
