package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Metric;
import io.mmspec.runtime.proc.MeminfoField;
import io.mmspec.runtime.proc.VmStatGauge;
import io.mmspec.runtime.sim.VmEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every metric a scenario can compare, and whether it is a size (compared with a unit:
 * {@code p.rss >= 4 MB}) or a count (without one: {@code p.faults.minor == 300}). Names follow
 * the kernel: /proc/PID/status and /proc/PID/stat for processes, /proc/meminfo, /proc/vmstat,
 * /proc/zoneinfo (in pages, so a size: {@code 5000 pages}), /proc/slabinfo, /proc/swaps.
 */
public final class MetricCatalog {

    /** Whether a metric is compared with a unit. */
    public enum Kind {
        SIZE("a size"), COUNT("a count");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Per-process metrics, written after the process name: {@code chrome.rss.anon}. */
    public static final Map<String, Kind> PROCESS = map(
            "rss", Kind.SIZE, "rss.anon", Kind.SIZE, "rss.file", Kind.SIZE, "rss.shmem", Kind.SIZE,
            "swap", Kind.SIZE, "vmsize", Kind.SIZE, "vmpeak", Kind.SIZE, "vmhwm", Kind.SIZE,
            "pagetables", Kind.SIZE, "locked", Kind.SIZE,
            "faults.minor", Kind.COUNT, "faults.major", Kind.COUNT, "oom_score", Kind.COUNT,
            "oom_score_adj", Kind.COUNT, "vmas", Kind.COUNT,
            "tlb.hits", Kind.COUNT, "tlb.misses", Kind.COUNT, "tlb.flushes", Kind.COUNT);

    /** {@code zone "Normal".FIELD}: page counts of /proc/zoneinfo, compared as sizes. */
    public static final Map<String, Kind> ZONE = map("free", Kind.SIZE, "min", Kind.SIZE, "low", Kind.SIZE,
            "high", Kind.SIZE, "managed", Kind.SIZE, "present", Kind.SIZE, "spanned", Kind.SIZE);

    /** {@code slab "kmalloc-2k".FIELD}: the columns of /proc/slabinfo. */
    public static final Map<String, Kind> SLAB = map("active_objs", Kind.COUNT, "num_objs", Kind.COUNT,
            "objsize", Kind.SIZE, "objperslab", Kind.COUNT, "pagesperslab", Kind.COUNT,
            "active_slabs", Kind.COUNT, "num_slabs", Kind.COUNT);

    /** {@code swap.FIELD}: all swap devices together. */
    public static final Map<String, Kind> SWAP = map("used", Kind.SIZE, "total", Kind.SIZE, "free", Kind.SIZE);

    /** {@code file "F".FIELD}: the file's page cache and its length. */
    public static final Map<String, Kind> FILE = map("cached", Kind.SIZE, "dirty", Kind.SIZE, "size", Kind.SIZE);

    /** {@code tlb.FIELD}: machine-wide TLB counters. */
    public static final Map<String, Kind> TLB = map("hits", Kind.COUNT, "misses", Kind.COUNT,
            "flushes", Kind.COUNT, "shootdowns", Kind.COUNT);

    private MetricCatalog() {
    }

    /** The kind of a metric whose names are valid; empty when a name is unknown. */
    public static Optional<Kind> kindOf(Metric metric) {
        if (metric instanceof Metric.OfProcess p) {
            return Optional.ofNullable(PROCESS.get(p.field()));
        }
        if (metric instanceof Metric.Meminfo m) {
            return MeminfoField.byLabel(m.field().text()).map(f -> f.isKilobytes() ? Kind.SIZE : Kind.COUNT);
        }
        if (metric instanceof Metric.Vmstat v) {
            return vmstatNames().contains(v.name().text()) ? Optional.of(Kind.COUNT) : Optional.empty();
        }
        if (metric instanceof Metric.Zone z) {
            return Optional.ofNullable(ZONE.get(z.field().text()));
        }
        if (metric instanceof Metric.Buddyinfo) {
            return Optional.of(Kind.COUNT);
        }
        if (metric instanceof Metric.Slab s) {
            return Optional.ofNullable(SLAB.get(s.field().text()));
        }
        if (metric instanceof Metric.Swap s) {
            return Optional.ofNullable(SWAP.get(s.field().text()));
        }
        if (metric instanceof Metric.File f) {
            return Optional.ofNullable(FILE.get(f.field().text()));
        }
        return Optional.ofNullable(TLB.get(((Metric.Tlb) metric).field().text()));
    }

    /** Every /proc/vmstat name: the gauges, then the event counters, in the kernel's order. */
    public static List<String> vmstatNames() {
        List<String> names = new ArrayList<>();
        for (VmStatGauge gauge : VmStatGauge.values()) {
            names.add(gauge.vmstatName());
        }
        for (VmEvent event : VmEvent.values()) {
            names.add(event.vmstatName());
        }
        return names;
    }

    /** Every /proc/meminfo label. */
    public static List<String> meminfoLabels() {
        List<String> labels = new ArrayList<>();
        for (MeminfoField field : MeminfoField.values()) {
            labels.add(field.label());
        }
        return labels;
    }

    private static Map<String, Kind> map(Object... pairs) {
        Map<String, Kind> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Kind) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
