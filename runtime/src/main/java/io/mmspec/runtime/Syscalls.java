package io.mmspec.runtime;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.Libc;
import io.mmspec.runtime.mm.mmap.MappedFile;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.MmapResult;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.task.Region;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Madvise;
import io.mmspec.runtime.uapi.Signal;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The system calls a process makes, each charging the syscall entry cost, checking that the
 * caller is alive, and emitting its trace event. The mm work itself is done by the mechanism
 * each call names (mmap.c, mprotect.c, madvise.c, mlock.c, fork.c, exec.c, exit.c).
 */
public final class Syscalls {
    private final Machine m;
    private final Map<Task, Libc> libcs = new IdentityHashMap<>();

    Syscalls(Machine machine) {
        this.m = machine;
    }

    private void enter(Task task) {
        if (!task.isAlive()) {
            throw new IllegalStateException(task + " is not alive");
        }
        switchTo(task);
        m.meter().charge(m.config().costs().syscallNs());
    }

    /** current = task on its CPU, with its address space loaded in that CPU's MMU (switch_mm). */
    public void switchTo(Task task) {
        m.current().set(task.cpu(), task.pid());
        if (task.mm() != null && m.mmu().loadedMm(task.cpu()) != MmOps.context(task.mm())) {
            m.mmu().switchMm(task.cpu(), MmOps.context(task.mm()));
        }
    }

    /** A new process that exists from the start: an empty address space (no execve). */
    public Task spawn(String name, int pid, Task parent, int uid, int nice, int oomScoreAdj) {
        MmStruct mm = m.mmap().mmAlloc(m.random().stream("mm/" + name + "/" + pid));
        m.mmOps().ensureContext(mm);
        return m.tasks().create(pid, name, parent, uid, nice, oomScoreAdj, mm);
    }


    /** A kernel thread (no address space), as kthread_create() makes one. */
    public Task spawnKernelThread(String name) {
        return m.tasks().create(0, name, null, 0, 0, 0, null);
    }

    /** mmap(2); {@code addr} 0 lets the kernel choose, otherwise it is MAP_FIXED_NOREPLACE. */
    public long mmap(Task task, long addr, long len, int prot, int flags, MappedFile file, long offset) {
        enter(task);
        int allFlags = flags | (addr != 0 ? MapFlags.FIXED_NOREPLACE : 0) | (file == null ? MapFlags.ANONYMOUS : 0);
        MmapResult result = m.mmap().doMmap(task.mm(), addr, len, prot, allFlags, file, offset >>> 12);
        m.trace().event(EventKind.MMAP, task.cpu(), task.pid()).with("address", result.addr())
                .with("length", len).with("prot", io.mmspec.runtime.uapi.Prot.toMapsString(prot,
                        (flags & MapFlags.SHARED) != 0)).with("file", file == null ? "" : file.path()).emit();
        vmasChanged(task);
        if (result.populate() > 0) {
            populate(task, result.addr(), result.populate(), (prot & io.mmspec.runtime.uapi.Prot.WRITE) != 0);
        }
        return result.addr();
    }

    /**
     * mm_populate(): faults every page in, as MAP_POPULATE and mlock do. Returns false if it
     * stopped early: the task died, or memory ran out (populating gives up rather than waiting).
     */
    public boolean populate(Task task, long addr, long len, boolean write) {
        for (long a = addr; a < addr + len; a += 4096) {
            if (!task.isAlive() || m.userAccess().access(task, a, write ? AccessType.WRITE : AccessType.READ, -1) < 0) {
                return false;
            }
        }
        return true;
    }

    public void munmap(Task task, long addr, long len) {
        enter(task);
        m.mmap().munmap(task.mm(), addr, len);
        vmasChanged(task);
        m.trace().event(EventKind.MUNMAP, task.cpu(), task.pid()).with("address", addr).with("length", len).emit();
    }

    public void mprotect(Task task, long addr, long len, int prot) {
        enter(task);
        m.mprotect().mprotect(task.mm(), MmOps.context(task.mm()), addr, len, prot, m.config().denyWriteExec());
        vmasChanged(task);
    }

    public long mremap(Task task, long addr, long oldLen, long newLen) {
        enter(task);
        long result = m.mmap().mremap(task.mm(), addr, oldLen, newLen, io.mmspec.runtime.mm.mmap.Mremap.MREMAP_MAYMOVE);
        vmasChanged(task);
        m.trace().event(EventKind.MREMAP, task.cpu(), task.pid()).with("old", addr).with("new", result)
                .with("length", newLen).emit();
        return result;
    }

    /**
     * madvise(2) (mm/madvise.c): HUGEPAGE / NOHUGEPAGE / SEQUENTIAL / RANDOM / NORMAL change the
     * VMA flags; DONTNEED and FREE drop the pages (zap); WILLNEED faults nothing in here
     * (readahead arrives with the memory-pressure slice) and is accepted as a hint.
     */
    public void madvise(Task task, long addr, long len, Madvise advice) {
        enter(task);
        long end = addr + ((len + 0xfff) & ~0xfffL);
        switch (advice) {
            case HUGEPAGE -> setFlags(task, addr, end, VmFlags.VM_HUGEPAGE, VmFlags.VM_NOHUGEPAGE);
            case NOHUGEPAGE -> setFlags(task, addr, end, VmFlags.VM_NOHUGEPAGE, VmFlags.VM_HUGEPAGE);
            case SEQUENTIAL -> setFlags(task, addr, end, VmFlags.VM_SEQ_READ, VmFlags.VM_RAND_READ);
            case RANDOM -> setFlags(task, addr, end, VmFlags.VM_RAND_READ, VmFlags.VM_SEQ_READ);
            case NORMAL -> setFlags(task, addr, end, 0, VmFlags.VM_SEQ_READ | VmFlags.VM_RAND_READ);
            case DONTNEED, FREE -> {
                for (Vma vma : task.mm().vmasIn(addr, end)) {
                    m.mmOps().zap(task.mm(), vma, Math.max(addr, vma.start()), Math.min(end, vma.end()));
                }
            }
            case WILLNEED, COLD, PAGEOUT, DONTFORK, DOFORK, MERGEABLE, UNMERGEABLE, REMOVE,
                 POPULATE_READ, POPULATE_WRITE -> {
                if (advice == Madvise.POPULATE_READ || advice == Madvise.POPULATE_WRITE) {
                    populate(task, addr, end - addr, advice == Madvise.POPULATE_WRITE);
                }
            }
        }
        vmasChanged(task);
        m.trace().event(EventKind.MADVISE, task.cpu(), task.pid()).with("address", addr)
                .with("length", len).with("advice", advice.name().toLowerCase(java.util.Locale.ROOT)).emit();
    }

    private void setFlags(Task task, long start, long end, long set, long clear) {
        if (task.mm().firstHole(start, end) >= 0) {
            throw new SyscallException(Errno.ENOMEM, "madvise: range not fully mapped");
        }
        m.mmap().modifyFlags(task.mm(), start, end, old -> (old & ~clear) | set);
    }

    /**
     * mlock(2) / mlock2(MLOCK_ONFAULT) (mm/mlock.c): VM_LOCKED, and without ON_FAULT every page
     * is faulted in. Locked pages are unevictable; that matters once reclaim exists.
     */
    public void mlock(Task task, long addr, long len, boolean onFault) {
        enter(task);
        long end = addr + ((len + 0xfff) & ~0xfffL);
        if (task.mm().firstHole(addr, end) >= 0) {
            throw new SyscallException(Errno.ENOMEM, "mlock: range not fully mapped");
        }
        long flags = VmFlags.VM_LOCKED | (onFault ? VmFlags.VM_LOCKONFAULT : 0);
        m.mmap().modifyFlags(task.mm(), addr, end, old -> old | flags);
        vmasChanged(task);
        // populate_vma_page_range(): write faults for private writable memory, to break COW now
        boolean write = task.mm().vmasIn(addr, end).stream().allMatch(v ->
                (v.flags() & VmFlags.VM_WRITE) != 0 && (v.flags() & VmFlags.VM_SHARED) == 0);
        if (!onFault && !populate(task, addr, end - addr, write)) {
            throw new SyscallException(Errno.ENOMEM, "mlock: could not fault every page in");
        }
        forEachPresentPage(task, addr, end, pfn -> m.vmscan().lruvec().mlockFolio(pfn));
        m.trace().event(EventKind.MLOCK, task.cpu(), task.pid()).with("address", addr).with("length", len).emit();
    }

    public void munlock(Task task, long addr, long len) {
        enter(task);
        long end = addr + ((len + 0xfff) & ~0xfffL);
        m.mmap().modifyFlags(task.mm(), addr, end, old -> old & ~VmFlags.VM_LOCKED_MASK);
        vmasChanged(task);
        forEachPresentPage(task, addr, end, pfn -> m.vmscan().lruvec().munlockFolio(pfn));
    }

    /** The pages mapped in [start, end): mlock_vma_pages_range() walks them to (un)lock each. */
    private void forEachPresentPage(Task task, long start, long end, java.util.function.LongConsumer action) {
        MmOps.context(task.mm()).pageTable().forEachLeaf(start, end, (address, entry, huge) -> {
            long pfn = io.mmspec.runtime.arch.Pte.pfn(entry);
            if (io.mmspec.runtime.arch.Pte.isPresent(entry) && !huge && !m.zeroPages().isZeroPfn(pfn)) {
                action.accept(pfn);
            }
            return entry;
        });
    }

    /** glibc malloc(): brk below the 128 KB mmap threshold, mmap from it up. */
    public long malloc(Task task, long size) {
        enter(task);
        long addr = libc(task).malloc(size);
        vmasChanged(task);
        if (addr == 0) {
            throw new SyscallException(Errno.ENOMEM, "malloc(" + size + ") returned NULL");
        }
        return addr;
    }

    /** glibc free(). */
    public void free(Task task, long addr) {
        enter(task);
        libc(task).free(addr);
        vmasChanged(task);
    }

    private Libc libc(Task task) {
        return libcs.computeIfAbsent(task, t -> new Libc(m.mmap(), t.mm()));
    }

    public Task fork(Task parent, String childName, int pid) {
        enter(parent);
        Task child = m.fork().fork(parent, childName, pid);
        Libc parentLibc = libcs.get(parent);
        if (parentLibc != null && child.mm() != null) {
            libcs.put(child, parentLibc.forkCopy(child.mm()));
        }
        return child;
    }

    public void execve(Task task, String path) {
        enter(task);
        Inode file = m.fs().lookup(path).orElseThrow(() -> new SyscallException(Errno.ENOENT, path + ": no such file"));
        m.exec().execve(task, file);
        vmasChanged(task);
        libcs.remove(task);
    }

    public void exit(Task task, int code) {
        enter(task);
        m.exit().exit(task, code);
        libcs.remove(task);
    }

    /** kill(2) with SIGKILL (or SIGTERM, whose default action also terminates). */
    public void kill(Task sender, Task target, Signal signal) {
        if (sender != null) {
            enter(sender);
        }
        m.exit().kill(target, signal, Signal.SI_KERNEL, 0, "kill from " + (sender == null ? "the kernel" : sender.comm()));
        libcs.remove(target);
    }

    /** One user access (load, store or fetch): the byte, or -1 if the access killed the task. */
    public int access(Task task, long address, AccessType type, int value) {
        switchTo(task);
        return m.userAccess().access(task, address, type, value);
    }

    /** read(2) of {@code len} bytes at {@code offset} through the page cache. */
    public byte[] read(Task task, String path, long offset, int len) {
        enter(task);
        return m.fileIo().read(file(path), offset, len, task.pid(), task.cpu());
    }

    /** write(2) of {@code data} at {@code offset} through the page cache (dirty until writeback). */
    public void write(Task task, String path, long offset, byte[] data) {
        enter(task);
        m.fileIo().write(file(path), offset, data, task.pid(), task.cpu());
    }

    /** fsync(2): every dirty page of the file written back. */
    public void fsync(Task task, String path) {
        enter(task);
        m.pageCache().fsync(file(path), task.pid(), task.cpu());
        m.trace().event(EventKind.FSYNC, task.cpu(), task.pid()).with("file", path).emit();
    }

    /** posix_fadvise(2) over the whole file (mm/fadvise.c). */
    public void fadvise(Task task, String path, io.mmspec.runtime.mm.readahead.Fadvise advice) {
        enter(task);
        m.pageCache().fadvise(file(path), 0, 0, advice, task.pid(), task.cpu());
    }

    private Inode file(String path) {
        return m.fs().lookup(path).orElseThrow(() -> new SyscallException(Errno.ENOENT, path + ": no such file"));
    }

    /**
     * vm_area_alloc() / vm_area_free() as a call changed the VMAs: the task's vm_area_struct
     * objects follow its VMA count (and a new mm after execve gets its own mm_struct).
     */
    private void vmasChanged(Task task) {
        if (task.isAlive()) {
            m.taskMemory().sync(task);
        }
    }

    /** Binds a region name for later actions (what the scenario calls {@code buf}). */
    public void bind(Task task, String name, long start, long length) {
        task.bindRegion(name, new Region(start, length));
    }
}
