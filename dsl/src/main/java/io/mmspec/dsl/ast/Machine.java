package io.mmspec.dsl.ast;

import java.util.List;
import java.util.Optional;

/**
 * The {@code machine { ... }} block. A setting left out is empty here; its default is the
 * kernel's (see docs/language.md). Each setting may be written once; swaps, disks, nodes,
 * zones and costs are lists.
 */
public record Machine(
        Optional<Size> ram,
        Optional<Count> cpus,
        Optional<Count> numaNodes,
        List<Node> nodes,
        List<Zone> zones,
        List<Swap> swaps,
        List<Disk> disks,
        Optional<Watermarks> watermarks,
        Optional<Count> minFreeKbytes,
        Optional<Choice<ThpMode>> thp,
        Optional<Choice<Boolean>> aslr,
        Optional<Count> swappiness,
        Optional<Overcommit> overcommit,
        Optional<Size> readahead,
        Optional<Size> faultAround,
        List<Cost> costs,
        Optional<Choice<Boolean>> denyWriteExec,
        Optional<Count> pageCluster,
        Optional<Count> dirtyRatio,
        Optional<Count> dirtyBackgroundRatio,
        Optional<Time> dirtyExpire,
        Optional<Time> dirtyWriteback,
        Optional<Choice<Boolean>> slubDebug,
        Span span) {

    public Machine {
        nodes = List.copyOf(nodes);
        zones = List.copyOf(zones);
        swaps = List.copyOf(swaps);
        disks = List.copyOf(disks);
        costs = List.copyOf(costs);
    }

    /** A value chosen from a fixed set ({@code thp madvise}, {@code aslr off}), where it was written. */
    public record Choice<T>(T value, Span span) {
    }

    /** /sys/kernel/mm/transparent_hugepage/enabled. */
    public enum ThpMode { ALWAYS, MADVISE, NEVER }

    /** vm.overcommit_memory: 0 heuristic, 1 always, 2 never. */
    public enum OvercommitMode { HEURISTIC, ALWAYS, NEVER }

    /** {@code node 1 ram 8 GB cpus 2}: one NUMA node's share. */
    public record Node(Count id, Optional<Size> ram, Optional<Count> cpus, Span span) {
    }

    /** One entry of {@code zones DMA 16 MB, DMA32 4 GB, Normal}: a zone and its size, if given. */
    public record Zone(Name name, Optional<Size> size, Span span) {
    }

    /** {@code swap 4 GB on ssd priority 5}. */
    public record Swap(Size size, Name disk, Optional<Count> priority, Span span) {
    }

    /** {@code disk ssd latency 100 us bandwidth 500 MB/s}. */
    public record Disk(Name name, Optional<Time> latency, Optional<Rate> bandwidth, Span span) {
    }

    /** {@code watermarks min 2500 low 5000 high 10000 pages}: machine-wide, split across zones. */
    public record Watermarks(Size min, Size low, Size high, Span span) {
    }

    /** {@code overcommit never ratio 50}. */
    public record Overcommit(OvercommitMode mode, Optional<Count> ratio, Span span) {
    }

    /** {@code cost minor_fault 700 ns}: one entry of the cost model overridden. */
    public record Cost(Name name, Time value, Span span) {
    }
}
