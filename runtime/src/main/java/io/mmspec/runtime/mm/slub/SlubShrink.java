package io.mmspec.runtime.mm.slub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whole-cache operations. Mirrors mm/slub.c: __kmem_cache_do_shrink() (empty slabs freed
 * whatever min_partial says, the partial list rebuilt fullest first), __kmem_cache_shutdown()
 * with free_partial() and list_slab_objects(), validate_slab_cache() with validate_slab(); and
 * kmem_cache_destroy() of mm/slab_common.c.
 */
final class SlubShrink {
    private static final int SHRINK_PROMOTE_MAX = 32;
    private final SlabAllocator allocator;

    SlubShrink(SlabAllocator allocator) {
        this.allocator = allocator;
    }

    void shrink(KmemCache s) {
        allocator.lists.flushAll(s);
        s.listLockTaken++;
        List<ArrayDeque<Slab>> promote = new ArrayList<>();
        for (int i = 0; i < SHRINK_PROMOTE_MAX; i++) {
            promote.add(new ArrayDeque<>());
        }
        List<Slab> discard = new ArrayList<>();
        List<Slab> rest = new ArrayList<>();
        s.node.partial.forEach(slab -> {
            int free = slab.objects - slab.inuse;
            allocator.lists.removePartial(s, slab);
            if (free == slab.objects) {
                discard.add(slab);
            } else if (free <= SHRINK_PROMOTE_MAX) {
                promote.get(free - 1).addFirst(slab); // list_move() to the bucket's head
            } else {
                rest.add(slab);
            }
        });
        for (ArrayDeque<Slab> bucket : promote) {
            bucket.forEach(slab -> allocator.lists.addPartial(s, slab, false));
        }
        rest.forEach(slab -> allocator.lists.addPartial(s, slab, false));
        for (Slab slab : discard) {
            allocator.pages.discardSlab(s, slab, 0);
        }
    }

    void destroy(KmemCache s) {
        if (s.destroyed) {
            throw new IllegalStateException("kmem_cache_destroy of " + s.name + " twice");
        }
        s.refcount--;
        if (s.refcount > 0) {
            if (!s.aliases.isEmpty()) {
                s.aliases.remove(s.aliases.size() - 1);
            }
            return;
        }
        allocator.lists.flushAll(s);
        List<Slab> discard = new ArrayList<>();
        s.node.partial.forEach(slab -> {
            if (slab.inuse == 0) {
                allocator.lists.removePartial(s, slab);
                discard.add(slab);
            } else {
                listSlabObjects(s, slab);
            }
        });
        for (Slab slab : discard) {
            allocator.pages.discardSlab(s, slab, 0);
        }
        if (s.node.partial.size() > 0 || s.node.nrSlabs > 0) {
            allocator.report.warn("kmem_cache_destroy " + s.name + ": Slab cache still has objects");
            allocator.report.event(s, "Slab cache still has objects", 0);
            return;
        }
        allocator.registry.remove(s);
        s.destroyed = true;
    }

    /** list_slab_objects(). */
    private void listSlabObjects(KmemCache s, Slab slab) {
        SlubReport report = allocator.report;
        report.slabBug(s, "Objects remaining on __kmem_cache_shutdown()");
        for (int i = 0; i < slab.objects; i++) {
            if (!slab.onFreelist(i)) {
                report.err("Object " + SlubReport.hex(slab.objectAddress(i)) + " @offset=" + slab.objectOffset(i));
            }
        }
        report.printSlabInfo(slab);
    }

    void validate(KmemCache s) {
        allocator.lists.flushAll(s);
        List<Slab> slabs = new ArrayList<>();
        s.node.partial.forEach(slabs::add);
        if (s.has(SlabFlag.SLAB_STORE_USER)) {
            List<Slab> full = new ArrayList<>();
            for (Slab slab : allocator.pages.slabs().slabs()) {
                if (slab.cache == s && slab.counted && !slab.onNodePartial) {
                    full.add(slab);
                }
            }
            full.sort(Comparator.comparingLong(slab -> slab.pfn));
            slabs.addAll(full);
        }
        for (Slab slab : slabs) {
            validateSlab(slab);
        }
    }

    private void validateSlab(Slab slab) {
        if (slab.disabled) {
            return;
        }
        allocator.debug.slabPadCheck(slab);
        for (int i = 0; i < slab.objects; i++) {
            int val = slab.onFreelist(i) ? ObjectDebug.SLUB_RED_INACTIVE : ObjectDebug.SLUB_RED_ACTIVE;
            if (!allocator.debug.checkObject(slab, i, val)) {
                break;
            }
        }
    }
}
