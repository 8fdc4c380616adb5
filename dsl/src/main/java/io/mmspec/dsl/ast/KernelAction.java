package io.mmspec.dsl.ast;

import java.util.List;
import java.util.Optional;

/**
 * An action the kernel does on its own ({@code kernel ...}). Kernel objects (kmalloc'd
 * buffers, vmalloc areas, page blocks, cache objects) are named with {@code as NAME}, in one
 * namespace of their own.
 */
public sealed interface KernelAction extends Action {

    /** {@code kernel kmallocs SIZE [gfp FLAGS] [node N] as NAME}: kmalloc_node(); GFP_KERNEL when no flags. */
    record Kmalloc(Size size, List<Name> gfp, Optional<Count> node, Name name, Span span) implements KernelAction {
        public Kmalloc {
            gfp = List.copyOf(gfp);
        }
    }

    /** {@code kernel kfrees NAME} or {@code kernel kfrees null} (object empty: kfree(NULL)). */
    record Kfree(Optional<Name> object, Span span) implements KernelAction {
    }

    /** {@code kernel creates cache "name" size SIZE [align SIZE] [flags F, ...]}: kmem_cache_create(). */
    record CacheCreate(StringLit cache, Size objectSize, Optional<Size> align, List<Name> flags, Span span)
            implements KernelAction {
        public CacheCreate {
            flags = List.copyOf(flags);
        }
    }

    /** {@code kernel allocates from cache "name" [gfp] as NAME}: kmem_cache_alloc(). */
    record CacheAlloc(StringLit cache, List<Name> gfp, Name name, Span span) implements KernelAction {
        public CacheAlloc {
            gfp = List.copyOf(gfp);
        }
    }

    /** {@code kernel frees NAME to cache "name"}: kmem_cache_free(). */
    record CacheFree(Name object, StringLit cache, Span span) implements KernelAction {
    }

    /** {@code kernel destroys cache "name"}: kmem_cache_destroy(). */
    record CacheDestroy(StringLit cache, Span span) implements KernelAction {
    }

    /** {@code kernel vmallocs SIZE as NAME}: vmalloc(). */
    record Vmalloc(Size size, Name name, Span span) implements KernelAction {
    }

    /** {@code kernel vfrees NAME}: vfree(). */
    record Vfree(Name object, Span span) implements KernelAction {
    }

    /** {@code kernel allocates pages order N [gfp] [node N] as NAME}: alloc_pages(). */
    record AllocPages(Count order, List<Name> gfp, Optional<Count> node, Name name, Span span)
            implements KernelAction {
        public AllocPages {
            gfp = List.copyOf(gfp);
        }
    }

    /** {@code kernel frees pages NAME}: __free_pages() with the order it was allocated at. */
    record FreePages(Name object, Span span) implements KernelAction {
    }

    /** {@code kernel writes "x" at NAME + 2048 B}: a store into a kernel object (past its end shows the red zone). */
    record Write(StringLit data, Region region, Span span) implements KernelAction {
    }

    /** {@code kernel drops caches [N]}: /proc/sys/vm/drop_caches (1 page cache, 2 slab, 3 both; 3 by default). */
    record DropCaches(Optional<Count> what, Span span) implements KernelAction {
    }

    /** {@code kernel compacts}: /proc/sys/vm/compact_memory. */
    record Compact(Span span) implements KernelAction {
    }

    /** {@code kernel syncs}: sync(2), writing back every dirty page. */
    record Sync(Span span) implements KernelAction {
    }

    /** {@code kernel migrates R of P [to node N]}: migrate_pages() of the region's pages. */
    record Migrate(Region region, Name process, Optional<Count> node, Span span) implements KernelAction {
    }
}
