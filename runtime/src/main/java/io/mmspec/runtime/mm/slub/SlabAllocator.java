package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SLUB allocator: slab caches over the page allocator. Mirrors mm/slub.c and
 * mm/slab_common.c: kmem_cache_create(), kmem_cache_alloc_node(), kmem_cache_free(),
 * kmem_cache_destroy(), kmem_cache_shrink(), validate_slab_cache(), virt_to_cache(), /proc/slabinfo,
 * and the large-kmalloc half of kmalloc()/kfree() (___kmalloc_large_node(), free_large_kmalloc()).
 *
 * <pre>
 *   SlabAllocator slab = new SlabAllocator(pages, SlubConfig.defaults(2), log, trace);
 *   KmemCache c = slab.createCache("task_struct", 10240, 64, Set.of(SlabFlag.SLAB_ACCOUNT));
 *   long obj = slab.alloc(c, Gfp.GFP_KERNEL, 0);      // 0 when no memory
 *   slab.free(c, obj, 0);
 * </pre>
 *
 * Objects are kernel direct-map addresses, 0xffff888000000000 + (pfn &lt;&lt; 12) + offset.
 * Failures are return values (0); exceptions are caller bugs the kernel would not survive
 * either (a double free without slub_debug=F, an address outside any slab).
 */
public final class SlabAllocator {
    /** KMALLOC_MAX_CACHE_SIZE: larger kmallocs go straight to the page allocator. */
    public static final int KMALLOC_MAX_CACHE_SIZE = 8192;

    final PageAllocator pageAllocator;
    final SlubConfig config;
    final KernelLog log;
    final Trace trace;
    final CacheRegistry registry;
    final SlubReport report;
    final ObjectDebug debug;
    final SlabPages pages;
    final SlubLists lists;
    private final SlubAlloc allocPath;
    private final SlubFree freePath;
    private final LargeKmalloc large;

    private final TaskOfEvents task = new TaskOfEvents();

    /** Who the trace events name: {@code pid} is asked at each event (the machine's current task). */
    public void setTaskOfEvents(java.util.function.IntSupplier pid) {
        task.set(pid);
    }

    public SlabAllocator(PageAllocator pages, SlubConfig config, KernelLog log, Trace trace) {
        if (config.cpus() != pages.cpus()) {
            throw new IllegalArgumentException("SLUB sized for " + config.cpus() + " CPUs on a machine of "
                    + pages.cpus());
        }
        this.pageAllocator = pages;
        this.config = config;
        this.log = log;
        this.trace = trace;
        this.registry = new CacheRegistry(config);
        this.report = new SlubReport(log, trace, pages, task);
        this.debug = new ObjectDebug(pages.memMap(), report);
        this.pages = new SlabPages(pages, trace, debug, report, task);
        this.lists = new SlubLists(this.pages, pages.memMap());
        this.allocPath = new SlubAlloc(this.pages, lists, debug, log);
        this.freePath = new SlubFree(this.pages, lists, debug);
        this.large = new LargeKmalloc(pages, report);
    }

    public SlubConfig config() {
        return config;
    }

    /** The trace buffer SLUB writes to (kmalloc writes its own events there too). */
    public Trace trace() {
        return trace;
    }

    /**
     * kmem_cache_create(): a cache of {@code size}-byte objects; {@code align} 0 for the
     * default. A compatible existing cache may be returned instead (slab merging).
     */
    public KmemCache createCache(String name, long size, long align, Set<SlabFlag> flags) {
        return registry.create(name, size, align, flags);
    }

    /** kmem_cache_alloc(): an object's address, or 0 when no memory could be had. */
    public long alloc(KmemCache c, Gfp gfp, int cpu) {
        return alloc(c, gfp, cpu, SlubAlloc.NUMA_NO_NODE, c.objectSize());
    }

    /**
     * kmem_cache_alloc_node() as kmalloc uses it: {@code node} -1 is NUMA_NO_NODE, and the
     * request size {@code origSize} is what slub_debug remembers for the kmalloc red zone.
     */
    public long alloc(KmemCache c, Gfp gfp, int cpu, int node, long origSize) {
        checkLive(c);
        Slab.Ref ref = allocPath.allocate(c, gfp, cpu, node, (int) origSize);
        if (ref == null) {
            return 0;
        }
        ref.slab().allocated[ref.index()] = true;
        if (gfp.has(Gfp.__GFP_ZERO)) {
            int zero = c.has(SlabFlag.SLAB_STORE_USER) && c.has(SlabFlag.SLAB_KMALLOC) ? (int) origSize
                    : c.objectSize();
            ref.slab().write(pageAllocator.memMap(), ref.slab().objectOffset(ref.index()), new byte[zero], 0, zero);
        }
        trace.event(EventKind.KMEM_CACHE_ALLOC, cpu, task.pid()).with("cache", c.name).with("ptr", ref.address())
                .with("bytes_req", origSize).with("bytes_alloc", c.size()).emit();
        return ref.address();
    }

    /**
     * kmem_cache_free(). An object of another cache is freed to its own cache after the
     * kernel's "Wrong slab cache" warning (CONFIG_SLAB_FREELIST_HARDENED).
     */
    public void free(KmemCache c, long addr, int cpu) {
        Slab slab = pages.virtToSlab(addr);
        if (slab == null) {
            report.warn("virt_to_cache: Object is not a Slab page!");
            return;
        }
        if (slab.cache != c) {
            report.warn("kmem_cache_free: Wrong slab cache. " + c.name + " but object is from " + slab.cache.name);
        }
        slabFree(slab, addr, cpu);
    }

    /** kfree(): NULL and ZERO_SIZE_PTR are ignored; slab objects and large kmallocs are freed. */
    public void kfree(long addr, int cpu) {
        if (Long.compareUnsigned(addr, LargeKmalloc.ZERO_SIZE_PTR) <= 0) {
            return; // ZERO_OR_NULL_PTR()
        }
        Slab slab = pages.virtToSlab(addr);
        if (slab == null) {
            large.free(addr, cpu);
            return;
        }
        slabFree(slab, addr, cpu);
    }

    /** slab_free(): the object back to its slab, after the checks slub_debug=F makes. */
    private void slabFree(Slab slab, long addr, int cpu) {
        int index = slab.indexOf(addr);
        boolean checks = slab.cache.has(SlabFlag.SLAB_CONSISTENCY_CHECKS);
        if (index == Slab.NONE && checks) {
            report.slabErr(slab.cache, slab, "Invalid object pointer " + SlubReport.hex(addr));
            report.slabFix(slab.cache, "Object at " + SlubReport.hex(addr) + " not freed");
            report.event(slab.cache, "Invalid object pointer", addr);
            return;
        }
        if (index == Slab.NONE || !slab.allocated[index] && !checks) {
            throw new IllegalStateException((index == Slab.NONE ? "free of a pointer into " : "double free in ")
                    + slab.cache.name + " at " + SlubReport.hex(addr)
                    + ": without slub_debug=F the kernel corrupts its freelist");
        }
        if (freePath.free(slab.cache, slab, index, cpu)) {
            slab.allocated[index] = false;
            trace.event(EventKind.KMEM_CACHE_FREE, cpu, task.pid()).with("cache", slab.cache.name).with("ptr", addr).emit();
        }
    }

    /** ___kmalloc_large_node(): compound pages for a kmalloc above 8 KiB; 0 on failure. */
    public long kmallocLarge(long size, Gfp gfp, int cpu) {
        return large.alloc(size, gfp, cpu);
    }

    /** ksize(): the usable size of a kmalloc'd address (object size or the large block). */
    public long ksize(long addr) {
        Slab slab = pages.virtToSlab(addr);
        if (slab != null) {
            return slab.cache.ksize();
        }
        return large.size(addr);
    }

    /** kmem_cache_shrink(): CPU slabs flushed, empty slabs freed, the partial list sorted. */
    public void shrink(KmemCache c) {
        new SlubShrink(this).shrink(c);
    }

    /** kmem_cache_destroy(). A cache that still has objects stays, as in the kernel. */
    public void destroyCache(KmemCache c) {
        new SlubShrink(this).destroy(c);
    }

    /** validate_slab_cache() (/sys/kernel/slab/NAME/validate): check_object() on every object. */
    public void validate(KmemCache c) {
        new SlubShrink(this).validate(c);
    }

    public Optional<KmemCache> cache(String name) {
        return registry.byName(name);
    }

    /** virt_to_cache(). */
    public Optional<KmemCache> cacheOf(long addr) {
        Slab slab = pages.virtToSlab(addr);
        return slab == null ? Optional.empty() : Optional.of(slab.cache);
    }

    /** Every cache, newest first (the order of slab_caches and /proc/slabinfo). */
    public List<KmemCache> caches() {
        return registry.caches();
    }

    /** /proc/slabinfo's rows, merged caches listed once. */
    public List<SlabInfoRow> slabinfo() {
        List<SlabInfoRow> rows = new ArrayList<>();
        for (KmemCache s : registry.caches()) {
            long objs = s.node.totalObjects;
            long slabs = s.node.nrSlabs;
            rows.add(new SlabInfoRow(s.name, objs - SlubLists.partialFree(s), objs, s.size(), s.objectsPerSlab(),
                    s.pagesPerSlab(), 0, 0, 0, slabs, slabs, 0));
        }
        return rows;
    }

    /** /proc/slabinfo as the kernel prints it. */
    public String slabinfoText() {
        StringBuilder out = new StringBuilder(SlabInfoRow.header());
        for (SlabInfoRow row : slabinfo()) {
            out.append(row.formatted()).append('\n');
        }
        return out.toString();
    }

    /** SReclaimable (NR_SLAB_RECLAIMABLE_B): slab pages of SLAB_RECLAIM_ACCOUNT caches, in bytes. */
    public long reclaimableBytes() {
        return pages.reclaimableBytes;
    }

    /** SUnreclaim (NR_SLAB_UNRECLAIMABLE_B): other slab pages and large kmallocs, in bytes. */
    public long unreclaimableBytes() {
        return pages.unreclaimableBytes + large.bytes();
    }

    /**
     * A kernel store of {@code data} at {@code addr}: into an object, past its end into red
     * zones or the next object, or into a freed object. The bytes must lie in one slab or
     * large kmalloc block (the model keeps no other kernel memory).
     */
    public void writeObject(long addr, byte[] data) {
        access(addr, data.length, (slab, off) -> slab.write(pageAllocator.memMap(), off, data, 0, data.length),
                (pfn, off) -> large.write(pfn, off, data));
    }

    /** A kernel load of {@code len} bytes at {@code addr}. */
    public byte[] readObject(long addr, int len) {
        byte[] out = new byte[len];
        access(addr, len, (slab, off) -> slab.read(pageAllocator.memMap(), off, out, 0, len),
                (pfn, off) -> large.read(pfn, off, out));
        return out;
    }

    private interface SlabAccess {
        void run(Slab slab, int offset);
    }

    private interface LargeAccess {
        void run(long pfn, long offset);
    }

    private void access(long addr, int len, SlabAccess inSlab, LargeAccess inLarge) {
        Slab slab = pages.virtToSlab(addr);
        if (slab != null) {
            long off = addr - slab.baseAddress();
            if (off + len > slab.bytes()) {
                throw new IllegalArgumentException(len + " bytes at " + SlubReport.hex(addr) + " run past the slab");
            }
            inSlab.run(slab, (int) off);
            return;
        }
        long pfn = large.headOf(addr);
        if (pfn < 0 || addr + len > large.end(pfn)) {
            throw new IllegalArgumentException(len + " bytes at " + SlubReport.hex(addr)
                    + " are not inside a slab or a large kmalloc");
        }
        inLarge.run(pfn, addr - LargeKmalloc.address(pfn));
    }

    /** Recounts every cache and slab; throws IllegalStateException on the first inconsistency. */
    public void checkInvariants() {
        new SlubInvariants(this).check();
    }

    MemMap memMap() {
        return pageAllocator.memMap();
    }

    private static void checkLive(KmemCache c) {
        if (c.destroyed) {
            throw new IllegalStateException("kmem_cache_alloc from destroyed cache " + c.name);
        }
    }
}
