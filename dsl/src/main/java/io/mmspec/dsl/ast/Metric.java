package io.mmspec.dsl.ast;

import java.util.List;

/**
 * A value read from the simulated kernel, named the way /proc names it. The checker
 * validates the names (io.mmspec.dsl.check.MetricCatalog gives each its kind: a size or a count).
 */
public sealed interface Metric extends Operand {

    /** {@code chrome.rss}, {@code p.faults.minor}: field is the dotted path after the process. */
    record OfProcess(Name process, List<Name> path, Span span) implements Metric {
        public OfProcess {
            path = List.copyOf(path);
        }

        /** The path joined with dots: {@code faults.minor}. */
        public String field() {
            return String.join(".", path.stream().map(Name::text).toList());
        }
    }

    /** {@code meminfo.MemFree}, {@code meminfo.Active(anon)}: field is the /proc/meminfo label. */
    record Meminfo(Name field, Span span) implements Metric {
    }

    /** {@code vmstat.pswpout}: a /proc/vmstat name. */
    record Vmstat(Name name, Span span) implements Metric {
    }

    /** {@code zone "Normal".free}: free, min, low, high, managed, present, spanned. */
    record Zone(StringLit zone, Name field, Span span) implements Metric {
    }

    /** {@code buddyinfo "Normal" order 3}: free blocks of that order in the zone. */
    record Buddyinfo(StringLit zone, Count order, Span span) implements Metric {
    }

    /** {@code slab "kmalloc-2k".num_objs}: a /proc/slabinfo column of one cache. */
    record Slab(StringLit cache, Name field, Span span) implements Metric {
    }

    /** {@code swap.used}: used, total, free. */
    record Swap(Name field, Span span) implements Metric {
    }

    /** {@code file "F".cached}: cached, dirty, size. */
    record File(StringLit path, Name field, Span span) implements Metric {
    }

    /** {@code tlb.misses}: machine-wide hits, misses, flushes, shootdowns. */
    record Tlb(Name field, Span span) implements Metric {
    }
}
