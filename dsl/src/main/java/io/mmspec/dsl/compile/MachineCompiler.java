package io.mmspec.dsl.compile;

import io.mmspec.dsl.ast.Machine;
import io.mmspec.dsl.diag.Diagnostic;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.mm.memory.OvercommitMode;
import io.mmspec.runtime.PressureConfig;
import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.sim.CostModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code machine { ... }} block to a {@link MachineConfig}. Settings that belong to a
 * mechanism this version does not simulate yet are reported by name, so that a run can stop
 * and say so instead of quietly ignoring them.
 */
public final class MachineCompiler {
    /** RAM and CPUs of a scenario that does not say: a 16 GB, 4-CPU desktop. */
    public static final long DEFAULT_RAM = 16L << 30;
    public static final int DEFAULT_CPUS = 4;
    /** {@code slub_debug on}: the kernel's bare slub_debug, every debug option (F Z P U). */
    public static final String SLUB_DEBUG_ON = "FZPU";
    /** The disk files live on when they do not name one. */
    public static final String DEFAULT_DISK = io.mmspec.runtime.fs.BlockDevice.DEFAULT_NAME;

    private final List<Diagnostic> errors = new ArrayList<>();
    private final List<String> unsupported = new ArrayList<>();

    /** What compiling one machine block produced. */
    public record Result(MachineConfig config, List<String> unsupported, List<Diagnostic> errors) {
    }

    public static Result compile(Optional<Machine> machine, long seed) {
        return new MachineCompiler().doCompile(machine, seed);
    }

    private Result doCompile(Optional<Machine> block, long seed) {
        if (block.isEmpty()) {
            MachineConfig config = MachineConfig.builder(DEFAULT_RAM, DEFAULT_CPUS).seed(seed)
                    .disks(List.of(BlockDevice.withDefaults(DEFAULT_DISK))).build();
            return new Result(config, List.of(), List.of());
        }
        Machine m = block.get();
        long ram = m.ram().map(s -> s.bytes()).orElse(DEFAULT_RAM);
        int cpus = (int) (long) m.cpus().map(c -> c.value()).orElse((long) DEFAULT_CPUS);
        MachineConfig.Builder b = MachineConfig.builder(ram, cpus).seed(seed).disks(disks(m));
        m.watermarks().ifPresent(w -> b.watermarks(new MachineConfig.Watermarks(
                w.min().bytes() / 4096, w.low().bytes() / 4096, w.high().bytes() / 4096)));
        m.minFreeKbytes().ifPresent(k -> b.minFreeKbytes(k.value()));
        m.thp().ifPresent(t -> b.thp(ThpMode.valueOf(t.value().name())));
        m.aslr().ifPresent(a -> b.aslr(a.value()));
        m.swappiness().ifPresent(s -> b.swappiness((int) s.value()));
        m.overcommit().ifPresent(o -> b.overcommit(OvercommitMode.valueOf(o.mode().name()),
                (int) (long) o.ratio().map(r -> r.value()).orElse(50L)));
        m.faultAround().ifPresent(f -> b.faultAroundBytes(f.bytes()));
        m.denyWriteExec().ifPresent(d -> b.denyWriteExec(d.value()));
        m.slubDebug().ifPresent(d -> b.slubDebug(d.value() ? SLUB_DEBUG_ON : ""));
        b.costs(costs(m));
        b.pressure(pressure(m));
        noteUnsupported(m);
        return new Result(b.build(), unsupported, errors);
    }

    private static List<BlockDevice> disks(Machine m) {
        List<BlockDevice> disks = new ArrayList<>();
        for (Machine.Disk d : m.disks()) {
            BlockDevice defaults = BlockDevice.withDefaults(d.name().text());
            disks.add(new BlockDevice(d.name().text(),
                    d.latency().map(t -> t.nanos()).orElse(defaults.latencyNs()),
                    d.bandwidth().map(r -> r.bytesPerSecond()).orElse(defaults.bytesPerSecond()),
                    defaults.raPages()));
        }
        if (disks.stream().noneMatch(d -> d.name().equals(DEFAULT_DISK))) {
            disks.add(BlockDevice.withDefaults(DEFAULT_DISK));
        }
        return disks;
    }

    private static PressureConfig pressure(Machine m) {
        PressureConfig d = PressureConfig.defaults();
        List<PressureConfig.SwapArea> swaps = new ArrayList<>();
        for (Machine.Swap swap : m.swaps()) {
            swaps.add(new PressureConfig.SwapArea(swap.size().bytes(), swap.disk().text(),
                    swap.priority().map(p -> (int) p.value()).orElse(null)));
        }
        return new PressureConfig(swaps,
                m.readahead().map(s -> s.bytes()).orElse(d.readaheadBytes()),
                (int) m.pageCluster().map(c -> c.value()).orElse((long) d.pageCluster()).longValue(),
                (int) m.dirtyRatio().map(c -> c.value()).orElse((long) d.dirtyRatio()).longValue(),
                (int) m.dirtyBackgroundRatio().map(c -> c.value()).orElse((long) d.dirtyBackgroundRatio()).longValue(),
                m.dirtyExpire().map(t -> t.nanos()).orElse(d.dirtyExpireNs()),
                m.dirtyWriteback().map(t -> t.nanos()).orElse(d.dirtyWritebackNs()));
    }

    private CostModel costs(Machine m) {
        CostModel model = CostModel.defaults();
        for (Machine.Cost cost : m.costs()) {
            String name = cost.name().text();
            if (!CostModel.NAMES.contains(name)) {
                errors.add(new Diagnostic(cost.name().span(), "unknown cost '" + name
                        + "'; the cost model has " + String.join(", ", CostModel.NAMES)));
            } else {
                model = model.with(name, cost.value().nanos());
            }
        }
        return model;
    }

    private void noteUnsupported(Machine m) {
        if (m.numaNodes().isPresent() || !m.nodes().isEmpty()) {
            unsupported.add("NUMA nodes (mm/mempolicy.c)");
        }
        if (!m.zones().isEmpty()) {
            unsupported.add("custom zone sizes (mm/page_alloc.c: zone layout)");
        }
    }
}
