package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Action;
import io.mmspec.dsl.ast.Region;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.ast.Timing;
import io.mmspec.grammar.MmsParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds timeline statements: their timing, label and actions. */
final class TimelineBuilder {

    private final Literals literals;
    private final ProcessActionBuilder processActions;
    private final KernelActionBuilder kernelActions;

    TimelineBuilder(Literals literals) {
        this.literals = literals;
        this.processActions = new ProcessActionBuilder(literals);
        this.kernelActions = new KernelActionBuilder(literals);
    }

    Statement statement(MmsParser.TimelineStatementContext ctx) {
        Optional<io.mmspec.dsl.ast.StringLit> label = Optional.ofNullable(ctx.label).map(literals::string);
        if (ctx.single != null) {
            return new Statement(timing(ctx.timing()), label, List.of(action(ctx.single)), false, literals.spans().of(ctx));
        }
        List<Action> actions = new ArrayList<>();
        for (MmsParser.ActionContext action : ctx.actionBlock().action()) {
            actions.add(action(action));
        }
        if (actions.isEmpty()) {
            literals.diagnostics().error(literals.spans().of(ctx.getStart()), "this group has no actions");
        }
        return new Statement(timing(ctx.timing()), label, actions, true, literals.spans().of(ctx.timing()));
    }

    private Timing timing(MmsParser.TimingContext ctx) {
        var span = literals.spans().of(ctx);
        if (ctx instanceof MmsParser.AtTimingContext at) {
            return new Timing.At(literals.time(at.time), span);
        }
        if (ctx instanceof MmsParser.AfterTimingContext after) {
            return new Timing.After(literals.time(after.delay), span);
        }
        if (ctx instanceof MmsParser.EveryTimingContext every) {
            return new Timing.Every(literals.time(every.period), literals.time(every.start), literals.time(every.end), span);
        }
        MmsParser.RepeatTimingContext repeat = (MmsParser.RepeatTimingContext) ctx;
        return new Timing.Repeat(literals.count(repeat.count), Optional.ofNullable(repeat.period).map(literals::time),
                Optional.ofNullable(repeat.start).map(literals::time), span);
    }

    Action action(MmsParser.ActionContext ctx) {
        var span = literals.spans().of(ctx);
        if (ctx instanceof MmsParser.KernelActionLineContext kernel) {
            return kernelActions.build(kernel.kernelAction(), span);
        }
        if (ctx instanceof MmsParser.OutsideKillLineContext kill) {
            return new Action.Kill(Optional.empty(), literals.name(kill.target),
                    Optional.ofNullable(kill.signal).map(literals::name), span);
        }
        MmsParser.ProcessActionLineContext line = (MmsParser.ProcessActionLineContext) ctx;
        return processActions.build(literals.name(line.subject), line.processAction(), span);
    }

    /** A region: {@code buf}, {@code buf + 4 KB}, {@code buf[0 KB .. 8 KB]} or {@code 0x1000}. */
    static Region region(MmsParser.RegionContext ctx, Literals literals) {
        var span = literals.spans().of(ctx);
        if (ctx instanceof MmsParser.NamedRegionContext named) {
            return new Region.Whole(literals.name(named.name), span);
        }
        if (ctx instanceof MmsParser.OffsetRegionContext offset) {
            return new Region.Offset(literals.name(offset.name), literals.size(offset.offset), span);
        }
        if (ctx instanceof MmsParser.SliceRegionContext slice) {
            return new Region.Slice(literals.name(slice.name), literals.size(slice.from), literals.size(slice.to), span);
        }
        MmsParser.AddressRegionContext address = (MmsParser.AddressRegionContext) ctx;
        return new Region.At(literals.address(address.address), span);
    }
}
