package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Amount;
import io.mmspec.dsl.ast.Metric;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Span;
import io.mmspec.dsl.ast.StringLit;
import io.mmspec.dsl.ast.Unit;
import io.mmspec.dsl.check.MetricCatalog.Kind;
import io.mmspec.dsl.diag.Suggestions;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks comparisons: each metric's names, and that both sides measure the same thing. A size
 * is compared with a size unit ({@code p.rss == 1200 KB}, or a bare 0), a count with a bare
 * whole number ({@code p.faults.minor == 300}); a mismatch is an error, never a silent pass.
 */
final class MetricCheck {

    private final Findings findings;
    private final Predicate<Name> processExists;
    private final World world;

    MetricCheck(Findings findings, Predicate<Name> processExists, World world) {
        this.findings = findings;
        this.processExists = processExists;
        this.world = world;
    }

    void compare(io.mmspec.dsl.ast.Predicate.Compare compare) {
        Optional<Kind> left = metric(compare.left());
        if (compare.right() instanceof Metric right) {
            Optional<Kind> rightKind = metric(right);
            if (left.isPresent() && rightKind.isPresent() && left.get() != rightKind.get()) {
                findings.error(compare.span(), "cannot compare " + text(compare.left()) + " (" + left.get().description()
                        + ") with " + text(right) + " (" + rightKind.get().description() + ")");
            }
        } else if (left.isPresent()) {
            amount(compare.left(), left.get(), (Amount) compare.right());
        }
    }

    private void amount(Metric metric, Kind kind, Amount amount) {
        String name = text(metric);
        if (kind == Kind.COUNT) {
            if (amount.unit().isPresent()) {
                findings.error(amount.span(), name + " is a count and takes no unit: compare it with a plain number,"
                        + " not '" + amount.text() + "'");
            } else if (amount.value().stripTrailingZeros().scale() > 0) {
                findings.error(amount.span(), name + " is a count: compare it with a whole number, not '"
                        + amount.text() + "'");
            }
            return;
        }
        if (amount.unit().isEmpty()) {
            if (amount.value().signum() != 0) {
                findings.error(amount.span(), name + " is a size: give the number a unit, as in '"
                        + amount.text() + " KB'");
            }
        } else if (amount.unit().get().kind() != Unit.Kind.SIZE) {
            findings.error(amount.span(), name + " is a size, but '" + amount.text() + "' is a time");
        } else if (amount.scaled().stripTrailingZeros().scale() > 0) {
            findings.error(amount.span(), "'" + amount.text() + "' is not a whole number of bytes");
        }
    }

    /** The metric's kind when all its names are known; reports the unknown ones. */
    Optional<Kind> metric(Metric metric) {
        if (metric instanceof Metric.OfProcess p) {
            if (!processExists.test(p.process())) {
                return Optional.empty();
            }
            Span span = p.path().get(0).span().to(p.path().get(p.path().size() - 1).span());
            return known("metric", p.field(), span, MetricCatalog.PROCESS.keySet(), metric);
        }
        if (metric instanceof Metric.Meminfo m) {
            return known("meminfo field", m.field().text(), m.field().span(), MetricCatalog.meminfoLabels(), metric);
        }
        if (metric instanceof Metric.Vmstat v) {
            return known("vmstat counter", v.name().text(), v.name().span(), MetricCatalog.vmstatNames(), metric);
        }
        if (metric instanceof Metric.Zone z) {
            zone(z.zone());
            return field("zone field", z.field(), MetricCatalog.ZONE.keySet(), metric);
        }
        if (metric instanceof Metric.Buddyinfo b) {
            zone(b.zone());
            findings.range(b.order(), "an order", 0, KernelActionCheck.MAX_PAGE_ORDER);
            return Optional.of(Kind.COUNT);
        }
        if (metric instanceof Metric.Slab s) {
            if (!world.cacheEverExists(s.cache().value())) {
                findings.error(s.cache().span(), "unknown cache " + s.cache().source()
                        + Vocabulary.cacheHint(s.cache().value(), world.everCaches()));
            }
            return field("slabinfo field", s.field(), MetricCatalog.SLAB.keySet(), metric);
        }
        if (metric instanceof Metric.Swap s) {
            return field("swap field", s.field(), MetricCatalog.SWAP.keySet(), metric);
        }
        if (metric instanceof Metric.File f) {
            if (!world.everFiles().contains(f.path().value())) {
                findings.error(f.path().span(), "unknown file " + f.path().source());
            }
            return field("file field", f.field(), MetricCatalog.FILE.keySet(), metric);
        }
        return field("tlb counter", ((Metric.Tlb) metric).field(), MetricCatalog.TLB.keySet(), metric);
    }

    private void zone(StringLit zone) {
        if (!Vocabulary.ZONES.contains(zone.value())) {
            findings.error(zone.span(), "unknown zone " + zone.source() + " (" + String.join(", ", Vocabulary.ZONES) + ")"
                    + Suggestions.closest(zone.value(), Vocabulary.ZONES).map(z -> "; did you mean \"" + z + "\"?")
                    .orElse(""));
        }
    }

    private Optional<Kind> field(String what, Name field, Collection<String> known, Metric metric) {
        return known(what, field.text(), field.span(), known, metric);
    }

    private Optional<Kind> known(String what, String text, Span span, Collection<String> known, Metric metric) {
        if (!known.contains(text)) {
            findings.unknown(what, text, span, known);
            return Optional.empty();
        }
        return MetricCatalog.kindOf(metric);
    }

    /** The metric as a person wrote it, for messages. */
    static String text(Metric metric) {
        if (metric instanceof Metric.OfProcess p) {
            return p.process().text() + "." + p.field();
        }
        if (metric instanceof Metric.Meminfo m) {
            return "meminfo." + m.field().text();
        }
        if (metric instanceof Metric.Vmstat v) {
            return "vmstat." + v.name().text();
        }
        if (metric instanceof Metric.Zone z) {
            return "zone " + z.zone().source() + "." + z.field().text();
        }
        if (metric instanceof Metric.Buddyinfo b) {
            return "buddyinfo " + b.zone().source() + " order " + b.order().text();
        }
        if (metric instanceof Metric.Slab s) {
            return "slab " + s.cache().source() + "." + s.field().text();
        }
        if (metric instanceof Metric.Swap s) {
            return "swap." + s.field().text();
        }
        if (metric instanceof Metric.File f) {
            return "file " + f.path().source() + "." + f.field().text();
        }
        return "tlb." + ((Metric.Tlb) metric).field().text();
    }
}
