package io.mmspec.runtime;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.slub.KmemCache;
import io.mmspec.runtime.mm.slub.SlabFlag;
import io.mmspec.runtime.mm.vmalloc.VmallocFault;
import io.mmspec.runtime.mm.filemap.AddressSpace;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.Set;

/**
 * What kernel code does on its own behalf, as a scenario's {@code kernel ...} actions: take
 * and give back pages (alloc_pages / __free_pages), kmalloc / kfree, the kmem_cache calls,
 * vmalloc / vfree, stores into kernel memory, migrate a process's pages (migrate_pages),
 * drop the clean page cache (drop_caches) and write back every dirty page (sync). Each runs
 * on CPU 0 as pid 0 and charges one kernel entry; an allocator's NULL becomes ENOMEM.
 */
public final class KernelCalls {
    private final Machine m;

    KernelCalls(Machine machine) {
        this.m = machine;
    }

    private void enter() {
        m.current().set(0, 0);
        m.meter().charge(m.config().costs().syscallNs());
    }

    /** alloc_pages(gfp, order): the first pfn of 2^order pages. */
    public long allocPages(int order, Gfp gfp) {
        enter();
        long pfn = m.pageAllocator().allocPages(order, gfp, 0);
        if (pfn < 0) {
            throw new SyscallException(Errno.ENOMEM, "alloc_pages(order " + order + ", " + gfp + ") failed");
        }
        return pfn;
    }

    /** __free_pages(page, order). */
    public void freePages(long pfn, int order) {
        enter();
        m.pageAllocator().freePages(pfn, order, 0);
    }

    /** kmalloc_node(); {@code node} -1 for NUMA_NO_NODE. kmalloc(0) is ZERO_SIZE_PTR. */
    public long kmalloc(long size, Gfp gfp, int node) {
        enter();
        return orEnomem(m.kmalloc().kmalloc(size, gfp, 0, node), "kmalloc(" + size + ", " + gfp + ")");
    }

    /** kfree(); NULL and ZERO_SIZE_PTR do nothing. */
    public void kfree(long addr) {
        enter();
        m.kmalloc().kfree(addr, 0);
    }

    /** kmem_cache_create(); a compatible existing cache may come back instead (merging). */
    public KmemCache createCache(String name, long size, long align, Set<SlabFlag> flags) {
        enter();
        if (m.slab().cache(name).isPresent()) {
            throw new SyscallException(Errno.EEXIST, "kmem_cache_create(" + name + "): the cache exists");
        }
        return m.slab().createCache(name, size, align, flags);
    }

    /** kmem_cache_alloc() from the cache called {@code name}. */
    public long cacheAlloc(String name, Gfp gfp) {
        enter();
        return orEnomem(m.slab().alloc(cache(name), gfp, 0), "kmem_cache_alloc(" + name + ")");
    }

    /** kmem_cache_free() to the cache called {@code name}. */
    public void cacheFree(String name, long addr) {
        enter();
        m.slab().free(cache(name), addr, 0);
    }

    /** kmem_cache_destroy(); a cache that still holds objects stays, with the kernel's report. */
    public void destroyCache(String name) {
        enter();
        m.slab().destroyCache(cache(name));
    }

    private KmemCache cache(String name) {
        return m.slab().cache(name).orElseThrow(() ->
                new SyscallException(Errno.EINVAL, "no slab cache called " + name));
    }

    /** vmalloc(): the area's first address; the pages come one by one from the buddy allocator. */
    public long vmalloc(long size, String caller) {
        enter();
        return orEnomem(m.vmalloc().vmalloc(size, Gfp.GFP_KERNEL, caller), "vmalloc(" + size + ")");
    }

    /** vfree(): unmapped now, purged lazily with one TLB flush for many areas. */
    public void vfree(long addr) {
        enter();
        m.vmalloc().vfree(addr);
    }

    /**
     * A kernel store of {@code data} at {@code addr}, into a slab object (past its end it lands
     * in a red zone or the next object; slub_debug reports it when the object is checked) or a
     * vmalloc area. A store that reaches a guard page oopses: show_fault_oops()'s lines at
     * KERN_ALERT, an {@code oops} event, and EFAULT for the action.
     */
    public void write(long addr, byte[] data) {
        enter();
        if (!inVmallocRange(addr)) {
            m.slab().writeObject(addr, data);
            return;
        }
        try {
            m.vmalloc().write(addr, data);
        } catch (VmallocFault fault) {
            for (String line : fault.result().oops()) {
                m.log().printk(KernelLog.Level.ALERT, line);
            }
            m.trace().event(EventKind.OOPS, 0, 0).with("address", fault.result().address())
                    .with("error_code", fault.result().errorCode()).emit();
            throw new SyscallException(Errno.EFAULT, fault.result().oops().get(0));
        }
    }

    private static boolean inVmallocRange(long addr) {
        return Long.compareUnsigned(addr, io.mmspec.runtime.mm.vmalloc.VmallocConfig.VMALLOC_START) >= 0
                && Long.compareUnsigned(addr, io.mmspec.runtime.mm.vmalloc.VmallocConfig.VMALLOC_END) <= 0;
    }

    private static long orEnomem(long addr, String call) {
        if (addr == 0) {
            throw new SyscallException(Errno.ENOMEM, call + " failed");
        }
        return addr;
    }

    /**
     * migrate_pages() over the resident 4 KB pages of [start, start+len) of {@code task}:
     * every page moves to a newly allocated frame. Returns how many pages moved.
     */
    public int migrate(Task task, long start, long len) {
        enter();
        int moved = 0;
        io.mmspec.runtime.arch.PageTable pt = MmOps.context(task.mm()).pageTable();
        for (long a = start & ~0xfffL; a < start + len; a += 4096) {
            long pte = pt.pte(a);
            if (Pte.isPresent(pte) && !Pte.isHuge(pte) && !m.zeroPages().isZeroPfn(Pte.pfn(pte))
                    && m.migrate().migratePage(Pte.pfn(pte)) >= 0) {
                moved++;
            }
        }
        return moved;
    }

    /** echo N > /proc/sys/vm/drop_caches: 1 and 3 drop the clean, unmapped page cache. */
    public long dropCaches(int what) {
        enter();
        m.log().printk(KernelLog.Level.INFO, "mmspec (0): drop_caches: " + what);
        long dropped = (what & 1) != 0 ? m.pageCache().dropCleanUnmapped(0) : 0;
        m.trace().event(EventKind.DROP_CACHES, 0, 0).with("what", what).with("pages", dropped).emit();
        return dropped;
    }

    /** sync(2): every dirty page-cache page written back. */
    public void sync() {
        enter();
        m.pageCache().sync(0, 0);
    }
}
