package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Access;
import io.mmspec.dsl.ast.Action;
import io.mmspec.dsl.ast.FileAccess;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.ProcessAction;
import io.mmspec.dsl.ast.Region;
import io.mmspec.dsl.ast.Span;
import io.mmspec.grammar.MmsBaseVisitor;
import io.mmspec.grammar.MmsParser;
import java.util.Optional;

/** Builds the actions of a process ({@code p maps ...}, {@code p reads file ...}). */
final class ProcessActionBuilder extends MmsBaseVisitor<Action> {

    private final Literals literals;
    private Name process;
    private Span span;

    ProcessActionBuilder(Literals literals) {
        this.literals = literals;
    }

    Action build(Name process, MmsParser.ProcessActionContext ctx, Span span) {
        this.process = process;
        this.span = span;
        return visit(ctx);
    }

    private Region region(MmsParser.RegionContext ctx) {
        return TimelineBuilder.region(ctx, literals);
    }

    @Override
    public Action visitForkAction(MmsParser.ForkActionContext ctx) {
        return new ProcessAction.Fork(process, literals.name(ctx.child), Optional.ofNullable(ctx.pid).map(literals::count), span);
    }

    @Override
    public Action visitExecAction(MmsParser.ExecActionContext ctx) {
        return new ProcessAction.Exec(process, literals.string(ctx.path), span);
    }

    @Override
    public Action visitExitAction(MmsParser.ExitActionContext ctx) {
        return new ProcessAction.Exit(process, Optional.ofNullable(ctx.code).map(literals::count), span);
    }

    @Override
    public Action visitKillAction(MmsParser.KillActionContext ctx) {
        return new Action.Kill(Optional.of(process), literals.name(ctx.target),
                Optional.ofNullable(ctx.signal).map(literals::name), span);
    }

    @Override
    public Action visitMapAction(MmsParser.MapActionContext ctx) {
        var file = ctx.mapSource() instanceof MmsParser.FileSourceContext source
                ? Optional.of(literals.string(source.path)) : Optional.<io.mmspec.dsl.ast.StringLit>empty();
        boolean populate = false;
        boolean huge = false;
        Optional<io.mmspec.dsl.ast.Address> fixed = Optional.empty();
        for (MmsParser.MapOptionContext option : ctx.mapOption()) {
            if (option instanceof MmsParser.PopulateOptionContext) {
                populate = duplicate(populate, option);
            } else if (option instanceof MmsParser.HugeOptionContext) {
                huge = duplicate(huge, option);
            } else {
                duplicate(fixed.isPresent(), option);
                fixed = Optional.of(literals.address(((MmsParser.FixedAddressOptionContext) option).address));
            }
        }
        return new ProcessAction.Mmap(process, literals.name(ctx.name), file, literals.size(ctx.length),
                Optional.ofNullable(ctx.offset).map(literals::size), literals.permission(ctx.perm),
                ctx.sharing != null && ctx.sharing.getType() == MmsParser.SHARED, populate, fixed, huge, span);
    }

    private boolean duplicate(boolean alreadySet, MmsParser.MapOptionContext option) {
        if (alreadySet) {
            literals.diagnostics().error(literals.spans().of(option), "'" + option.getStart().getText()
                    + "' is given twice");
        }
        return true;
    }

    @Override
    public Action visitUnmapAction(MmsParser.UnmapActionContext ctx) {
        return new ProcessAction.Munmap(process, region(ctx.target), span);
    }

    @Override
    public Action visitRemapAction(MmsParser.RemapActionContext ctx) {
        return new ProcessAction.Mremap(process, region(ctx.target), literals.size(ctx.length), span);
    }

    @Override
    public Action visitProtectAction(MmsParser.ProtectActionContext ctx) {
        return new ProcessAction.Mprotect(process, region(ctx.target), literals.permission(ctx.perm), span);
    }

    @Override
    public Action visitAdviseAction(MmsParser.AdviseActionContext ctx) {
        return new ProcessAction.Madvise(process, region(ctx.target), literals.name(ctx.advice), span);
    }

    @Override
    public Action visitFadviseAction(MmsParser.FadviseActionContext ctx) {
        return new ProcessAction.Fadvise(process, literals.string(ctx.path), literals.name(ctx.advice), span);
    }

    @Override
    public Action visitLockAction(MmsParser.LockActionContext ctx) {
        return new ProcessAction.Mlock(process, region(ctx.target), ctx.ONFAULT() != null, span);
    }

    @Override
    public Action visitUnlockAction(MmsParser.UnlockActionContext ctx) {
        return new ProcessAction.Munlock(process, region(ctx.target), span);
    }

    @Override
    public Action visitAllocateAction(MmsParser.AllocateActionContext ctx) {
        return new ProcessAction.Malloc(process, literals.size(ctx.size), Optional.ofNullable(ctx.name).map(literals::name), span);
    }

    @Override
    public Action visitFreeAction(MmsParser.FreeActionContext ctx) {
        return new ProcessAction.Free(process, region(ctx.target), span);
    }

    @Override
    public Action visitTouchAction(MmsParser.TouchActionContext ctx) {
        return new ProcessAction.Touch(process, region(ctx.target), span);
    }

    @Override
    public Action visitReadAction(MmsParser.ReadActionContext ctx) {
        return new ProcessAction.Read(process, region(ctx.target), access(ctx.accessPattern()), span);
    }

    @Override
    public Action visitExecuteAction(MmsParser.ExecuteActionContext ctx) {
        return new ProcessAction.Execute(process, region(ctx.target), access(ctx.accessPattern()), span);
    }

    @Override
    public Action visitWriteAction(MmsParser.WriteActionContext ctx) {
        return new ProcessAction.Write(process, literals.string(ctx.data), region(ctx.target), span);
    }

    @Override
    public Action visitFileReadAction(MmsParser.FileReadActionContext ctx) {
        return new ProcessAction.FileRead(process, literals.string(ctx.path), fileAccess(ctx.fileAccess()), span);
    }

    @Override
    public Action visitFileWriteAction(MmsParser.FileWriteActionContext ctx) {
        return new ProcessAction.FileWrite(process, literals.string(ctx.path),
                Optional.ofNullable(ctx.data).map(literals::string), Optional.ofNullable(ctx.size).map(literals::size),
                Optional.ofNullable(ctx.offset).map(literals::size), span);
    }

    @Override
    public Action visitFsyncAction(MmsParser.FsyncActionContext ctx) {
        return new ProcessAction.Fsync(process, literals.string(ctx.path), span);
    }

    @Override
    public Action visitReplayAction(MmsParser.ReplayActionContext ctx) {
        return new ProcessAction.Replay(process, literals.string(ctx.path), span);
    }

    private Access access(MmsParser.AccessPatternContext ctx) {
        if (ctx == null) {
            return new Access.Once();
        }
        if (ctx instanceof MmsParser.SequentialAccessContext sequential) {
            return new Access.Sequential(Optional.ofNullable(sequential.length).map(literals::size));
        }
        if (ctx instanceof MmsParser.RandomAccessContext random) {
            return new Access.Random(literals.count(random.count));
        }
        if (ctx instanceof MmsParser.StrideAccessContext stride) {
            return new Access.Stride(literals.size(stride.stride));
        }
        return new Access.Repeated(literals.count(((MmsParser.RepeatedAccessContext) ctx).count));
    }

    private FileAccess fileAccess(MmsParser.FileAccessContext ctx) {
        if (ctx == null) {
            return new FileAccess.Whole();
        }
        if (ctx instanceof MmsParser.RangeFileAccessContext range) {
            return new FileAccess.Range(literals.size(range.length), Optional.ofNullable(range.offset).map(literals::size));
        }
        if (ctx instanceof MmsParser.SequentialFileAccessContext) {
            return new FileAccess.Sequential();
        }
        return new FileAccess.Random(literals.count(((MmsParser.RandomFileAccessContext) ctx).count));
    }
}
