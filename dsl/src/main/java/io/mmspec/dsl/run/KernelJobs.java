package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.KernelAction;
import io.mmspec.dsl.ast.Name;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.task.Job;
import io.mmspec.runtime.task.Task;
import java.util.List;
import java.util.Locale;

/**
 * Jobs for the {@code kernel ...} actions. Those of the kernel allocators (kmalloc, kmem_cache,
 * vmalloc) and compaction stop the run with the name of the missing mechanism.
 */
final class KernelJobs {
    private final Machine machine;
    private final KernelObjects objects;

    KernelJobs(Machine machine, KernelObjects objects) {
        this.machine = machine;
        this.objects = objects;
    }

    Job jobFor(KernelAction action) {
        if (action instanceof KernelAction.AllocPages a) {
            return ActionJobs.once(() -> {
                int order = (int) a.order().value();
                long pfn = machine.kernel().allocPages(order, gfp(a.gfp()));
                objects.put(a.name().text(), new KernelObjects.Pages(pfn, order));
            });
        }
        if (action instanceof KernelAction.FreePages f) {
            return ActionJobs.once(() -> {
                Object object = objects.get(f.object().text()).orElseThrow(() ->
                        new IllegalStateException("no kernel pages called '" + f.object().text() + "'"));
                KernelObjects.Pages pages = (KernelObjects.Pages) object;
                machine.kernel().freePages(pages.pfn(), pages.order());
                objects.remove(f.object().text());
            });
        }
        if (action instanceof KernelAction.DropCaches d) {
            return ActionJobs.once(() -> machine.kernel().dropCaches((int) d.what().map(c -> c.value()).orElse(3L).longValue()));
        }
        if (action instanceof KernelAction.Sync) {
            return ActionJobs.once(() -> machine.kernel().sync());
        }
        if (action instanceof KernelAction.Migrate m) {
            return ActionJobs.once(() -> {
                Task task = machine.tasks().byName(m.process().text()).orElseThrow();
                long[] r = RegionResolver.resolve(task, m.region());
                machine.kernel().migrate(task, r[0], r[1]);
            });
        }
        if (action instanceof KernelAction.Compact) {
            throw new MechanismUnavailable("compaction", "memory compaction (mm/compaction.c)");
        }
        if (action instanceof KernelAction.Vmalloc || action instanceof KernelAction.Vfree) {
            throw new MechanismUnavailable("vmalloc", "the vmalloc allocator (mm/vmalloc.c)");
        }
        if (action instanceof KernelAction.Kmalloc || action instanceof KernelAction.Kfree) {
            throw new MechanismUnavailable("kmalloc", "kmalloc and SLUB (mm/slub.c, mm/slab_common.c)");
        }
        throw new MechanismUnavailable("kmem_cache actions", "SLUB (mm/slub.c)");
    }

    /**
     * GFP words of the language to a mask, by the kernel's names: {@code atomic} is GFP_ATOMIC,
     * {@code zero} is __GFP_ZERO, {@code highuser_movable} GFP_HIGHUSER_MOVABLE, and so on.
     */
    static Gfp gfp(List<Name> words) {
        Gfp mask = null;
        for (Name word : words) {
            Gfp flag = flag(word.text().toUpperCase(Locale.ROOT));
            mask = mask == null ? flag : mask.or(flag);
        }
        if (mask == null) {
            return Gfp.GFP_KERNEL;
        }
        boolean modifiersOnly = words.stream().allMatch(w -> !isComposite(w.text().toUpperCase(Locale.ROOT)));
        return modifiersOnly ? mask.or(Gfp.GFP_KERNEL) : mask; // "dma" alone means GFP_KERNEL | GFP_DMA
    }

    private static boolean isComposite(String word) {
        return List.of("KERNEL", "ATOMIC", "NOWAIT", "NOIO", "NOFS", "USER", "HIGHUSER", "HIGHUSER_MOVABLE",
                "KERNEL_ACCOUNT", "TRANSHUGE", "TRANSHUGE_LIGHT").contains(word);
    }

    private static Gfp flag(String word) {
        try {
            return Gfp.parse("GFP_" + word);
        } catch (IllegalArgumentException e) {
            try {
                return Gfp.parse("__GFP_" + word); // a modifier: ZERO, HIGH, NOWARN, NORETRY, ...
            } catch (IllegalArgumentException unknown) {
                throw new io.mmspec.runtime.uapi.SyscallException(io.mmspec.runtime.uapi.Errno.EINVAL,
                        "unknown GFP flag " + word.toLowerCase(Locale.ROOT));
            }
        }
    }
}
