package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Action;
import io.mmspec.dsl.ast.KernelAction;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Span;
import io.mmspec.grammar.MmsBaseVisitor;
import io.mmspec.grammar.MmsParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the kernel's own actions ({@code kernel kmallocs ...}). */
final class KernelActionBuilder extends MmsBaseVisitor<Action> {

    private final Literals literals;
    private Span span;

    KernelActionBuilder(Literals literals) {
        this.literals = literals;
    }

    Action build(MmsParser.KernelActionContext ctx, Span span) {
        this.span = span;
        return visit(ctx);
    }

    private List<Name> gfp(MmsParser.GfpFlagsContext ctx) {
        List<Name> flags = new ArrayList<>();
        if (ctx != null) {
            for (MmsParser.GfpFlagContext flag : ctx.gfpFlag()) {
                flags.add(new Name(flag.getText(), literals.spans().of(flag)));
            }
        }
        return flags;
    }

    @Override
    public Action visitKmallocAction(MmsParser.KmallocActionContext ctx) {
        return new KernelAction.Kmalloc(literals.size(ctx.size), gfp(ctx.gfpFlags()),
                Optional.ofNullable(ctx.node).map(literals::count), literals.name(ctx.name), span);
    }

    @Override
    public Action visitKfreeNullAction(MmsParser.KfreeNullActionContext ctx) {
        return new KernelAction.Kfree(Optional.empty(), span);
    }

    @Override
    public Action visitKfreeAction(MmsParser.KfreeActionContext ctx) {
        return new KernelAction.Kfree(Optional.of(literals.name(ctx.name)), span);
    }

    @Override
    public Action visitCacheCreateAction(MmsParser.CacheCreateActionContext ctx) {
        List<Name> flags = ctx.cacheFlag.stream().map(literals::name).toList();
        return new KernelAction.CacheCreate(literals.string(ctx.cache), literals.size(ctx.size),
                Optional.ofNullable(ctx.align).map(literals::size), flags, span);
    }

    @Override
    public Action visitCacheAllocAction(MmsParser.CacheAllocActionContext ctx) {
        return new KernelAction.CacheAlloc(literals.string(ctx.cache), gfp(ctx.gfpFlags()), literals.name(ctx.name), span);
    }

    @Override
    public Action visitCacheFreeAction(MmsParser.CacheFreeActionContext ctx) {
        return new KernelAction.CacheFree(literals.name(ctx.name), literals.string(ctx.cache), span);
    }

    @Override
    public Action visitCacheDestroyAction(MmsParser.CacheDestroyActionContext ctx) {
        return new KernelAction.CacheDestroy(literals.string(ctx.cache), span);
    }

    @Override
    public Action visitVmallocAction(MmsParser.VmallocActionContext ctx) {
        return new KernelAction.Vmalloc(literals.size(ctx.size), literals.name(ctx.name), span);
    }

    @Override
    public Action visitVfreeAction(MmsParser.VfreeActionContext ctx) {
        return new KernelAction.Vfree(literals.name(ctx.name), span);
    }

    @Override
    public Action visitAllocPagesAction(MmsParser.AllocPagesActionContext ctx) {
        return new KernelAction.AllocPages(literals.count(ctx.order), gfp(ctx.gfpFlags()),
                Optional.ofNullable(ctx.node).map(literals::count), literals.name(ctx.name), span);
    }

    @Override
    public Action visitFreePagesAction(MmsParser.FreePagesActionContext ctx) {
        return new KernelAction.FreePages(literals.name(ctx.name), span);
    }

    @Override
    public Action visitKernelWriteAction(MmsParser.KernelWriteActionContext ctx) {
        return new KernelAction.Write(literals.string(ctx.data), TimelineBuilder.region(ctx.target, literals), span);
    }

    @Override
    public Action visitDropCachesAction(MmsParser.DropCachesActionContext ctx) {
        return new KernelAction.DropCaches(Optional.ofNullable(ctx.what).map(literals::count), span);
    }

    @Override
    public Action visitCompactAction(MmsParser.CompactActionContext ctx) {
        return new KernelAction.Compact(span);
    }

    @Override
    public Action visitSyncAction(MmsParser.SyncActionContext ctx) {
        return new KernelAction.Sync(span);
    }

    @Override
    public Action visitMigrateAction(MmsParser.MigrateActionContext ctx) {
        return new KernelAction.Migrate(TimelineBuilder.region(ctx.target, literals), literals.name(ctx.process),
                Optional.ofNullable(ctx.node).map(literals::count), span);
    }
}
