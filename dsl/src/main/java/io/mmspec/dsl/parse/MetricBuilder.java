package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Metric;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Span;
import io.mmspec.grammar.MmsBaseVisitor;
import io.mmspec.grammar.MmsParser;

/** Builds metrics ({@code p.rss}, {@code meminfo.Active(anon)}, {@code slab "kmalloc-2k".num_objs}). */
final class MetricBuilder extends MmsBaseVisitor<Metric> {

    private final Literals literals;

    MetricBuilder(Literals literals) {
        this.literals = literals;
    }

    Metric metric(MmsParser.MetricContext ctx) {
        return visit(ctx);
    }

    private Span span(MmsParser.MetricContext ctx) {
        return literals.spans().of(ctx);
    }

    @Override
    public Metric visitProcessMetric(MmsParser.ProcessMetricContext ctx) {
        return new Metric.OfProcess(literals.name(ctx.process), ctx.field.stream().map(literals::name).toList(), span(ctx));
    }

    @Override
    public Metric visitMeminfoMetric(MmsParser.MeminfoMetricContext ctx) {
        Name field = literals.name(ctx.field);
        if (ctx.qualifier != null) {
            // Active(anon): the label runs from the field to the closing parenthesis.
            Span span = field.span().to(literals.spans().of(ctx.getStop()));
            field = new Name(field.text() + "(" + ctx.qualifier.getText() + ")", span);
        }
        return new Metric.Meminfo(field, span(ctx));
    }

    @Override
    public Metric visitVmstatMetric(MmsParser.VmstatMetricContext ctx) {
        return new Metric.Vmstat(literals.name(ctx.name), span(ctx));
    }

    @Override
    public Metric visitZoneMetric(MmsParser.ZoneMetricContext ctx) {
        return new Metric.Zone(literals.string(ctx.zone), literals.name(ctx.field), span(ctx));
    }

    @Override
    public Metric visitBuddyinfoMetric(MmsParser.BuddyinfoMetricContext ctx) {
        return new Metric.Buddyinfo(literals.string(ctx.zone), literals.count(ctx.order), span(ctx));
    }

    @Override
    public Metric visitSlabMetric(MmsParser.SlabMetricContext ctx) {
        return new Metric.Slab(literals.string(ctx.cache), literals.name(ctx.field), span(ctx));
    }

    @Override
    public Metric visitSwapMetric(MmsParser.SwapMetricContext ctx) {
        return new Metric.Swap(literals.name(ctx.field), span(ctx));
    }

    @Override
    public Metric visitFileMetric(MmsParser.FileMetricContext ctx) {
        return new Metric.File(literals.string(ctx.path), literals.name(ctx.field), span(ctx));
    }

    @Override
    public Metric visitTlbMetric(MmsParser.TlbMetricContext ctx) {
        return new Metric.Tlb(literals.name(ctx.field), span(ctx));
    }
}
