package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.KernelAction;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Region;
import io.mmspec.runtime.mm.slub.SlabFlag;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.task.UserAccess;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;
import io.mmspec.runtime.task.Job;
import io.mmspec.runtime.task.Task;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Jobs for the {@code kernel ...} actions, each one call of {@link io.mmspec.runtime.KernelCalls}.
 * A freed kmalloc, cache or vmalloc object keeps its name and address, as a C pointer keeps
 * its value: a later write through it is a use after free (poisoning shows it), a second free
 * a double free. Compaction stops the run with the name of the missing mechanism.
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
            int order = (int) a.order().value();
            return allocating(gfp(a.gfp()), order, () -> {
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
        return allocatorJob(action);
    }

    /** kmalloc, kmem_cache, vmalloc and the kernel's stores into what they hand out. */
    private Job allocatorJob(KernelAction action) {
        if (action instanceof KernelAction.Kmalloc k) {
            int order = k.size().bytes() <= 8192 ? 0 : io.mmspec.runtime.mm.pagealloc.PageAllocator.getOrder(k.size().bytes());
            return allocating(gfp(k.gfp()), order, () -> {
                long addr = machine.kernel().kmalloc(k.size().bytes(), gfp(k.gfp()),
                        (int) k.node().map(c -> c.value()).orElse(-1L).longValue());
                objects.put(k.name().text(), new KernelObjects.Kmalloced(addr));
            });
        }
        if (action instanceof KernelAction.Kfree f) {
            return ActionJobs.once(() -> {
                long addr = f.object().map(n -> ((KernelObjects.Kmalloced) object(n)).address()).orElse(0L);
                machine.kernel().kfree(addr); // the name keeps its stale address, as a C pointer does
            });
        }
        if (action instanceof KernelAction.Vmalloc v) {
            return allocating(Gfp.GFP_KERNEL, 0, () -> objects.put(v.name().text(), new KernelObjects.Vmalloced(
                    machine.kernel().vmalloc(v.size().bytes(), v.name().text()), v.size().bytes())));
        }
        if (action instanceof KernelAction.Vfree v) {
            return ActionJobs.once(() -> {
                machine.kernel().vfree(((KernelObjects.Vmalloced) object(v.object())).address());
            });
        }
        if (action instanceof KernelAction.Write w) {
            return ActionJobs.once(() -> machine.kernel().write(
                    KernelObjects.address(object(w.region().nameOrNull())) + offset(w.region()), w.data().bytes()));
        }
        return cacheJob(action);
    }

    private Job cacheJob(KernelAction action) {
        if (action instanceof KernelAction.CacheCreate c) {
            return ActionJobs.once(() -> machine.kernel().createCache(c.cache().value(), c.objectSize().bytes(),
                    c.align().map(a -> a.bytes()).orElse(0L), cacheFlags(c.flags())));
        }
        if (action instanceof KernelAction.CacheAlloc c) {
            return allocating(gfp(c.gfp()), 0, () -> objects.put(c.name().text(), new KernelObjects.CacheObject(
                    machine.kernel().cacheAlloc(c.cache().value(), gfp(c.gfp())), c.cache().value())));
        }
        if (action instanceof KernelAction.CacheFree c) {
            return ActionJobs.once(() -> {
                machine.kernel().cacheFree(c.cache().value(), ((KernelObjects.CacheObject) object(c.object())).address());
            });
        }
        KernelAction.CacheDestroy d = (KernelAction.CacheDestroy) action;
        return ActionJobs.once(() -> machine.kernel().destroyCache(d.cache().value()));
    }

    /**
     * A kernel allocation, which the page allocator does not let fail while an OOM victim is
     * still dying if it may reclaim and is not of a costly order ("too small to fail"): it then
     * waits a jiffy and tries again, until the reaper has freed the victim's memory. GFP_ATOMIC,
     * __GFP_NORETRY, __GFP_RETRY_MAYFAIL and orders above 3 fail at once, as in the kernel.
     */
    private Job allocating(Gfp gfp, int order, Runnable work) {
        boolean tooSmallToFail = gfp.has(Gfp.__GFP_DIRECT_RECLAIM) && order <= PageAllocator.PAGE_ALLOC_COSTLY_ORDER
                && !gfp.has(Gfp.__GFP_NORETRY) && !gfp.has(Gfp.__GFP_RETRY_MAYFAIL);
        return () -> {
            try {
                work.run();
                return false;
            } catch (SyscallException e) {
                if (tooSmallToFail && e.errno() == Errno.ENOMEM && machine.oomKiller().nextReapAt().isPresent()) {
                    machine.meter().charge(UserAccess.OOM_RETRY_WAIT_NS);
                    return true;
                }
                throw e;
            }
        };
    }

    private Object object(Name name) {
        return objects.get(name.text()).orElseThrow(() ->
                new IllegalStateException("no kernel object called '" + name.text() + "' (its allocation failed"
                        + " or it was freed)"));
    }

    /** The byte offset a region names inside its object: {@code obj + 2048 B}, {@code obj[A .. B]}. */
    private static long offset(Region region) {
        if (region instanceof Region.Offset o) {
            return o.offset().bytes();
        }
        if (region instanceof Region.Slice s) {
            return s.from().bytes();
        }
        return 0;
    }

    /** Cache flags of the language (SLAB_* without the prefix, lower case) to the runtime's. */
    static Set<SlabFlag> cacheFlags(List<Name> words) {
        Set<SlabFlag> flags = EnumSet.noneOf(SlabFlag.class);
        for (Name word : words) {
            flags.add(SlabFlag.valueOf("SLAB_" + word.text().toUpperCase(Locale.ROOT)));
        }
        return flags;
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
