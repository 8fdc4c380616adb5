package io.mmspec.runtime.mm.slub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The list of caches and kmem_cache_create(). Mirrors mm/slab_common.c: slab_caches (newest
 * first, as list_add() leaves it), __kmem_cache_create_args(), __kmem_cache_alias(),
 * find_mergeable() and slab_unmergeable(), and kmem_cache_flags() of mm/slub.c adding the
 * slub_debug flags.
 */
final class CacheRegistry {
    /** KMALLOC_MAX_SIZE: what kmem_cache_sanity_check() allows. */
    static final long KMALLOC_MAX_SIZE = 4L << 20;

    private final SlubConfig config;
    /** slab_caches: index 0 is the newest. */
    private final List<KmemCache> caches = new ArrayList<>();

    CacheRegistry(SlubConfig config) {
        this.config = config;
    }

    List<KmemCache> caches() {
        return Collections.unmodifiableList(caches);
    }

    Optional<KmemCache> byName(String name) {
        for (KmemCache s : caches) {
            if (s.name.equals(name) || s.aliases.contains(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** kmem_cache_create(): an existing compatible cache (merged) or a new one. */
    KmemCache create(String name, long size, long align, Set<SlabFlag> requested) {
        if (name == null || name.isEmpty() || size <= 0 || size > KMALLOC_MAX_SIZE) {
            throw new IllegalArgumentException("kmem_cache_create(" + name + ") integrity check failed");
        }
        if (align < 0 || align > 4096 || align != 0 && Long.bitCount(align) != 1) {
            throw new IllegalArgumentException("kmem_cache_create(" + name + "): bad align " + align);
        }
        if (byName(name).isPresent()) {
            throw new IllegalArgumentException("kmem_cache_create(" + name + "): a cache of that name exists");
        }
        Set<SlabFlag> flags = EnumSet.noneOf(SlabFlag.class);
        flags.addAll(requested);
        flags.addAll(config.debugFlagsFor(name));
        int objectSize = (int) size;
        int minAlign = (int) align;
        if (flags.contains(SlabFlag.SLAB_KMALLOC)) {
            minAlign = Math.max(minAlign, Integer.lowestOneBit(objectSize)); // create_boot_cache()
        }
        KmemCache merged = findMergeable(objectSize, minAlign, flags);
        if (merged != null) {
            merged.refcount++;
            merged.aliases.add(name);
            return merged;
        }
        int alignment = CacheLayout.calculateAlignment(flags, minAlign, objectSize);
        CacheLayout layout = CacheLayout.compute(objectSize, alignment, flags, config);
        KmemCache s = new KmemCache(name, flags, layout, config.cpus());
        caches.add(0, s);
        return s;
    }

    /** find_mergeable(): the oldest cache this request could share. */
    private KmemCache findMergeable(int size, int align, Set<SlabFlag> flags) {
        if (flags.contains(SlabFlag.SLAB_KMALLOC) || flags.stream().anyMatch(SlabFlag::neverMerge)) {
            return null; // kmalloc caches are created directly by create_kmalloc_cache()
        }
        size = CacheLayout.alignUp(size, CacheLayout.WORD);
        int alignment = CacheLayout.calculateAlignment(flags, align, size);
        size = CacheLayout.alignUp(size, alignment);
        for (int i = caches.size() - 1; i >= 0; i--) {
            KmemCache s = caches.get(i);
            if (unmergeable(s) || size > s.size() || !sameMergeFlags(flags, s.flags)) {
                continue;
            }
            if (s.size() % alignment != 0 || s.size() - size >= CacheLayout.WORD) {
                continue;
            }
            return s;
        }
        return null;
    }

    private static boolean unmergeable(KmemCache s) {
        return s.refcount <= 0 || s.flags.stream().anyMatch(SlabFlag::neverMerge);
    }

    private static boolean sameMergeFlags(Set<SlabFlag> a, Set<SlabFlag> b) {
        for (SlabFlag flag : SlabFlag.values()) {
            if (SlabFlag.mergeSame(flag) && a.contains(flag) != b.contains(flag)) {
                return false;
            }
        }
        return true;
    }

    /** kmem_cache_destroy() of the last reference: the cache leaves slab_caches. */
    void remove(KmemCache s) {
        caches.remove(s);
    }
}
