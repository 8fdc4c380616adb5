package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Comparator;
import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.ast.Expectation.When;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Operand;
import io.mmspec.dsl.ast.Predicate;
import io.mmspec.dsl.ast.Region;
import io.mmspec.dsl.ast.Span;
import io.mmspec.grammar.MmsBaseVisitor;
import io.mmspec.grammar.MmsParser;
import java.util.Optional;

/** Builds expectations: when, points, label and the predicate. */
final class ExpectationBuilder extends MmsBaseVisitor<Predicate> {

    private final Literals literals;
    private final MetricBuilder metrics;
    private Span span;

    ExpectationBuilder(Literals literals) {
        this.literals = literals;
        this.metrics = new MetricBuilder(literals);
    }

    Expectation expectation(MmsParser.ExpectationContext ctx) {
        When when = when(ctx.expectWhen());
        Optional<io.mmspec.dsl.ast.Count> points = Optional.ofNullable(ctx.points()).map(p -> literals.count(p.value));
        span = literals.spans().of(ctx.predicate());
        Predicate predicate = visit(ctx.predicate());
        return new Expectation(when, points, Optional.ofNullable(ctx.label).map(literals::string), predicate,
                literals.spans().of(ctx));
    }

    private When when(MmsParser.ExpectWhenContext ctx) {
        if (ctx == null) {
            return new When.AtEnd();
        }
        if (ctx instanceof MmsParser.ExpectAtContext at) {
            return new When.At(literals.time(at.time));
        }
        if (ctx instanceof MmsParser.ExpectByContext by) {
            return new When.By(literals.time(by.time));
        }
        return ctx instanceof MmsParser.ExpectNeverContext ? new When.Never() : new When.Always();
    }

    private Name name(MmsParser.IdentifierContext ctx) {
        return literals.name(ctx);
    }

    private Region region(MmsParser.RegionContext ctx) {
        return TimelineBuilder.region(ctx, literals);
    }

    @Override
    public Predicate visitAlivePredicate(MmsParser.AlivePredicateContext ctx) {
        return new Predicate.Alive(name(ctx.process), span);
    }

    @Override
    public Predicate visitExitedPredicate(MmsParser.ExitedPredicateContext ctx) {
        return new Predicate.Exited(name(ctx.process), Optional.ofNullable(ctx.code).map(literals::count), span);
    }

    @Override
    public Predicate visitKilledPredicate(MmsParser.KilledPredicateContext ctx) {
        return new Predicate.Killed(name(ctx.process), Optional.ofNullable(ctx.cause).map(literals::name),
                Optional.ofNullable(ctx.target).map(this::region), span);
    }

    @Override
    public Predicate visitComparePredicate(MmsParser.ComparePredicateContext ctx) {
        Operand right = ctx.right instanceof MmsParser.MetricOperandContext metric
                ? metrics.metric(metric.metric())
                : amount((MmsParser.AmountOperandContext) ctx.right);
        return new Predicate.Compare(metrics.metric(ctx.left), Comparator.bySymbol(ctx.op.getText()), right, span);
    }

    private Operand amount(MmsParser.AmountOperandContext ctx) {
        return literals.amount(ctx.number(), ctx.unit);
    }

    @Override
    public Predicate visitReadsBackPredicate(MmsParser.ReadsBackPredicateContext ctx) {
        return new Predicate.ReadsBack(name(ctx.process), literals.string(ctx.data), region(ctx.target), span);
    }

    @Override
    public Predicate visitFileHoldsPredicate(MmsParser.FileHoldsPredicateContext ctx) {
        return new Predicate.FileHolds(literals.string(ctx.path), literals.string(ctx.data), literals.size(ctx.offset), span);
    }

    @Override
    public Predicate visitRegionStatePredicate(MmsParser.RegionStatePredicateContext ctx) {
        Predicate.RegionState state = Predicate.RegionState.valueOf(ctx.state.getText().toUpperCase(java.util.Locale.ROOT));
        return new Predicate.RegionIs(region(ctx.target), name(ctx.process), state, span);
    }

    @Override
    public Predicate visitRegionVmasPredicate(MmsParser.RegionVmasPredicateContext ctx) {
        return new Predicate.RegionVmas(region(ctx.target), name(ctx.process), literals.count(ctx.count), span);
    }

    @Override
    public Predicate visitDmesgPredicate(MmsParser.DmesgPredicateContext ctx) {
        return new Predicate.DmesgContains(literals.string(ctx.text), span);
    }

    @Override
    public Predicate visitEventPredicate(MmsParser.EventPredicateContext ctx) {
        Optional<Predicate.EventCount> count = Optional.ofNullable(ctx.eventCount()).map(c ->
                new Predicate.EventCount(Comparator.bySymbol(c.op.getText()), literals.count(c.value), literals.spans().of(c)));
        return new Predicate.Event(name(ctx.name), Optional.ofNullable(ctx.process).map(this::name), count,
                Optional.ofNullable(ctx.eventWindow()).map(this::window), span);
    }

    private Predicate.EventWindow window(MmsParser.EventWindowContext ctx) {
        if (ctx instanceof MmsParser.BeforeWindowContext before) {
            return new Predicate.EventWindow.Before(literals.time(before.time));
        }
        if (ctx instanceof MmsParser.AfterWindowContext after) {
            return new Predicate.EventWindow.After(literals.time(after.time));
        }
        if (ctx instanceof MmsParser.BetweenWindowContext between) {
            return new Predicate.EventWindow.Between(literals.time(between.start), literals.time(between.end));
        }
        if (ctx instanceof MmsParser.BeforeEventWindowContext before) {
            return new Predicate.EventWindow.BeforeEvent(name(before.other));
        }
        return new Predicate.EventWindow.AfterEvent(name(((MmsParser.AfterEventWindowContext) ctx).other));
    }

    @Override
    public Predicate visitActionSucceededPredicate(MmsParser.ActionSucceededPredicateContext ctx) {
        return new Predicate.ActionOutcome(literals.string(ctx.label), true, Optional.empty(), span);
    }

    @Override
    public Predicate visitActionFailedPredicate(MmsParser.ActionFailedPredicateContext ctx) {
        return new Predicate.ActionOutcome(literals.string(ctx.label), false,
                Optional.ofNullable(ctx.errno).map(this::name), span);
    }
}
