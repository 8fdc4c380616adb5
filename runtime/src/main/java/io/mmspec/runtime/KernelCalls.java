package io.mmspec.runtime;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.filemap.AddressSpace;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;

/**
 * What kernel code does on its own behalf, as a scenario's {@code kernel ...} actions: take
 * and give back pages (alloc_pages / __free_pages), migrate a process's pages (migrate_pages),
 * drop the clean page cache (drop_caches) and write back every dirty page (sync).
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
