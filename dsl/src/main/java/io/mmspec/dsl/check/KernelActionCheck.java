package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.KernelAction;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.check.World.KernelKind;

/** Checks the kernel's own actions: objects allocated before use and freed the way they were allocated. */
final class KernelActionCheck {

    /** include/linux/mmzone.h: MAX_PAGE_ORDER (inclusive). */
    static final long MAX_PAGE_ORDER = 10;

    private final References refs;
    private final Findings findings;
    private final World world;

    KernelActionCheck(References refs) {
        this.refs = refs;
        this.findings = refs.findings();
        this.world = refs.world();
    }

    void check(KernelAction action, String time) {
        if (action instanceof KernelAction.Kmalloc k) {
            if (k.size().bytes() < 0) {
                findings.error(k.size().span(), "a size cannot be negative ('" + k.size().text() + "')");
            }
            refs.gfp(k.gfp());
            k.node().ifPresent(refs::node);
            world.allocate(k.name().text(), KernelKind.KMALLOC);
        } else if (action instanceof KernelAction.Kfree k) {
            k.object().ifPresent(object -> refs.kernelObject(object, KernelKind.KMALLOC, time));
        } else if (action instanceof KernelAction.Vmalloc v) {
            findings.positive(v.size(), "a vmalloc", Findings.ONE_TB, "1 TB");
            world.allocate(v.name().text(), KernelKind.VMALLOC);
        } else if (action instanceof KernelAction.Vfree v) {
            refs.kernelObject(v.object(), KernelKind.VMALLOC, time);
        } else if (action instanceof KernelAction.AllocPages a) {
            findings.range(a.order(), "an order", 0, MAX_PAGE_ORDER);
            refs.gfp(a.gfp());
            a.node().ifPresent(refs::node);
            world.allocate(a.name().text(), KernelKind.PAGES);
        } else if (action instanceof KernelAction.FreePages f) {
            refs.kernelObject(f.object(), KernelKind.PAGES, time);
        } else if (action instanceof KernelAction.Write w) {
            kernelWrite(w, time);
        } else if (action instanceof KernelAction.DropCaches d) {
            d.what().ifPresent(what -> findings.range(what, "drop_caches", 1, 3));
        } else if (action instanceof KernelAction.Migrate m) {
            if (refs.process(m.process(), time)) {
                refs.region(m.process().text(), m.region(), time);
            }
            m.node().ifPresent(refs::node);
        } else {
            checkCache(action, time);
        }
    }

    private void checkCache(KernelAction action, String time) {
        if (action instanceof KernelAction.CacheCreate c) {
            findings.positive(c.objectSize(), "an object size", KMALLOC_MAX_SIZE, "4 MB");
            c.align().ifPresent(this::checkAlign);
            for (Name flag : c.flags()) {
                findings.oneOf("cache flag", flag, Vocabulary.CACHE_FLAGS);
            }
            world.createCache(c.cache().value());
        } else if (action instanceof KernelAction.CacheAlloc c) {
            refs.cache(c.cache(), time);
            refs.gfp(c.gfp());
            world.allocate(c.name().text(), KernelKind.CACHE);
        } else if (action instanceof KernelAction.CacheFree c) {
            refs.kernelObject(c.object(), KernelKind.CACHE, time);
            refs.cache(c.cache(), time);
        } else if (action instanceof KernelAction.CacheDestroy c) {
            refs.cache(c.cache(), time);
        }
    }

    /** mm/slab_common.c: KMALLOC_MAX_SIZE with 4 KB pages (order 10). */
    static final long KMALLOC_MAX_SIZE = 4L << 20;

    private void checkAlign(Size align) {
        if (align.bytes() <= 0 || Long.bitCount(align.bytes()) != 1) {
            findings.error(align.span(), "an alignment must be a power of two, not '" + align.text() + "'");
        }
    }

    private void kernelWrite(KernelAction.Write write, String time) {
        Name name = write.region().nameOrNull();
        if (name == null) {
            findings.error(write.region().span(), "the kernel writes into a kernel object by its name"
                    + " (kmallocs ... as NAME), not at an address");
            return;
        }
        refs.kernelObject(name, null, time);
        refs.offsets(write.region());
        if (write.data().value().isEmpty()) {
            findings.error(write.data().span(), "nothing to write: the string is empty");
        }
    }
}
