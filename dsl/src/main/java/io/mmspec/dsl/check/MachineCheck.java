package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Machine;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.ast.Time;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the machine block: sizes in range, disks known and named once, tunables within the
 * bounds the kernel's sysctl handlers accept (kernel/sysctl.c, mm/page_alloc.c).
 */
final class MachineCheck {

    private final Findings findings;

    MachineCheck(Findings findings) {
        this.findings = findings;
    }


    /** The names of the disks, in the order declared (also when some are duplicates), then the default one. */
    static List<String> diskNames(Machine machine) {
        List<String> names = new java.util.ArrayList<>(machine.disks().stream().map(d -> d.name().text()).toList());
        if (!names.contains(io.mmspec.runtime.fs.BlockDevice.DEFAULT_NAME)) {
            names.add(io.mmspec.runtime.fs.BlockDevice.DEFAULT_NAME);
        }
        return names;
    }

    void check(Machine machine) {
        machine.ram().ifPresent(ram -> findings.positive(ram, "ram", Findings.ONE_TB, "1 TB"));
        machine.cpus().ifPresent(cpus -> findings.range(cpus, "cpus", 1, 8192));
        machine.numaNodes().ifPresent(nodes -> findings.range(nodes, "numa nodes", 1, 1024));
        checkNodes(machine);
        checkZones(machine);
        checkDisks(machine);
        machine.watermarks().ifPresent(this::checkWatermarks);
        machine.minFreeKbytes().ifPresent(kb -> findings.range(kb, "min_free_kbytes", 0, Integer.MAX_VALUE));
        machine.swappiness().ifPresent(s -> findings.range(s, "swappiness", 0, 200));
        machine.overcommit().ifPresent(this::checkOvercommit);
        machine.readahead().ifPresent(r -> notNegative(r, "readahead"));
        machine.faultAround().ifPresent(this::checkFaultAround);
        for (Machine.Cost cost : machine.costs()) {
            if (findings.oneOf("cost", cost.name(), Vocabulary.COSTS)) {
                notNegative(cost.value(), "a cost");
            }
        }
        machine.pageCluster().ifPresent(p -> findings.range(p, "page_cluster", 0, 31));
        machine.dirtyRatio().ifPresent(r -> findings.range(r, "dirty_ratio", 0, 100));
        machine.dirtyBackgroundRatio().ifPresent(r -> findings.range(r, "dirty_background_ratio", 0, 100));
        machine.dirtyExpire().ifPresent(t -> notNegative(t, "dirty_expire"));
        machine.dirtyWriteback().ifPresent(t -> notNegative(t, "dirty_writeback"));
    }

    private void checkNodes(Machine machine) {
        long nodes = machine.numaNodes().map(n -> n.value()).orElse(1L);
        List<Long> seen = new ArrayList<>();
        for (Machine.Node node : machine.nodes()) {
            if (node.id().value() < 0 || node.id().value() >= nodes) {
                findings.error(node.id().span(), "node " + node.id().text() + " does not exist: the machine has "
                        + nodes + (nodes == 1 ? " node (node 0)" : " nodes (0 to " + (nodes - 1) + ")"));
            } else if (seen.contains(node.id().value())) {
                findings.error(node.id().span(), "node " + node.id().text() + " is described twice");
            }
            seen.add(node.id().value());
            node.ram().ifPresent(ram -> findings.positive(ram, "a node's ram", Findings.ONE_TB, "1 TB"));
            node.cpus().ifPresent(cpus -> findings.range(cpus, "a node's cpus", 0, 8192));
        }
    }

    private void checkZones(Machine machine) {
        List<String> seen = new ArrayList<>();
        long total = 0;
        for (Machine.Zone zone : machine.zones()) {
            if (findings.oneOf("zone", zone.name(), Vocabulary.ZONES) && seen.contains(zone.name().text())) {
                findings.error(zone.name().span(), "the zone " + zone.name().text() + " is listed twice");
            }
            seen.add(zone.name().text());
            if (zone.size().isPresent()) {
                findings.positive(zone.size().get(), "a zone's size", Findings.ONE_TB, "1 TB");
                total += Math.max(zone.size().get().bytes(), 0);
            }
        }
        if (machine.ram().isPresent() && total > machine.ram().get().bytes() && !machine.zones().isEmpty()) {
            findings.error(machine.zones().get(0).span(), "the zones add up to more than the machine's ram ("
                    + machine.ram().get().text() + ")");
        }
    }

    private void checkDisks(Machine machine) {
        List<String> seen = new ArrayList<>();
        for (Machine.Disk disk : machine.disks()) {
            if (seen.contains(disk.name().text())) {
                findings.error(disk.name().span(), "the disk '" + disk.name().text() + "' is declared twice");
            }
            seen.add(disk.name().text());
            disk.latency().ifPresent(t -> notNegative(t, "a disk's latency"));
            disk.bandwidth().ifPresent(rate -> {
                if (rate.bytesPerSecond() <= 0) {
                    findings.error(rate.span(), "a disk's bandwidth must be more than 0, not '" + rate.text() + "'");
                }
            });
        }
        List<String> disks = diskNames(machine);
        for (Machine.Swap swap : machine.swaps()) {
            findings.positive(swap.size(), "swap", Findings.ONE_TB, "1 TB");
            if (!disks.contains(swap.disk().text())) {
                findings.unknown("disk", swap.disk(), disks);
            }
            swap.priority().ifPresent(p -> findings.range(p, "a swap priority", 0, 32767));
        }
    }

    private void checkWatermarks(Machine.Watermarks w) {
        for (Size mark : List.of(w.min(), w.low(), w.high())) {
            findings.positive(mark, "a watermark", Findings.ONE_TB, "1 TB");
        }
        if (w.min().bytes() > w.low().bytes() || w.low().bytes() > w.high().bytes()) {
            findings.error(w.span(), "watermarks must grow: min <= low <= high");
        }
    }

    private void checkOvercommit(Machine.Overcommit overcommit) {
        overcommit.ratio().ifPresent(ratio -> {
            if (overcommit.mode() != Machine.OvercommitMode.NEVER) {
                findings.error(ratio.span(), "an overcommit ratio only applies to 'overcommit never'"
                        + " (vm.overcommit_memory = 2)");
            }
            findings.range(ratio, "the overcommit ratio", 0, 100);
        });
    }

    /**
     * mm/memory.c: fault_around_bytes_set() refuses more than PTRS_PER_PTE pages (2 MB) and
     * rounds anything else down to a power of two, so only those bounds are mistakes.
     */
    private void checkFaultAround(Size size) {
        if (size.bytes() < 0 || size.bytes() > (2L << 20)) {
            findings.error(size.span(), "fault_around must be from 0 to 2 MB, not '" + size.text() + "'");
        }
    }

    private void notNegative(Size size, String what) {
        if (size.bytes() < 0) {
            findings.error(size.span(), what + " cannot be negative ('" + size.text() + "')");
        }
    }

    private void notNegative(Time time, String what) {
        if (time.nanos() < 0) {
            findings.error(time.span(), what + " cannot be negative ('" + time.text() + "')");
        }
    }
}
