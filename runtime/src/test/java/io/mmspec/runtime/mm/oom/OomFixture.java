package io.mmspec.runtime.mm.oom;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A booted machine (ASLR off, so every address space has the same layout) with an OOM killer
 * wired the way Machine is to wire it, and the "process X uses SIZE" setup of the scenario
 * language: one private anonymous rw mapping, every page written.
 */
final class OomFixture {
    static final long KB = 1L << 10;
    static final long MB = 1L << 20;
    static final long GB = 1L << 30;
    static final long SECOND = 1_000_000_000L;
    /** What a page fault allocates with, as the facts' example line shows. */
    static final Gfp FAULT_GFP = Gfp.GFP_HIGHUSER_MOVABLE.or(Gfp.__GFP_COMP);

    final Machine machine;
    final OomKiller oom;

    private OomFixture(Machine machine) {
        this.machine = machine;
        this.oom = new OomKiller(machine.tasks(), machine.exit(), machine.mmOps(), machine.queue(),
                machine.clock(), machine.current(), machine.log(), machine.trace(), machine.vmEvents(),
                memoryOf(machine));
    }

    /** The OomMemory a machine without swap gives. */
    static OomMemory memoryOf(Machine m) {
        return new OomMemory() {
            @Override
            public long totalramPages() {
                return m.pageAllocator().totalramPages();
            }

            @Override
            public long totalSwapPages() {
                return 0;
            }

            @Override
            public ShowMem showMem() {
                return ShowMem.fromVmstat(m.proc().vmstat(), m.pageAllocator().pcpPages());
            }
        };
    }

    static OomFixture boot(long ramBytes, ThpMode thp) {
        return new OomFixture(Machine.boot(MachineConfig.builder(ramBytes, 1).aslr(false).thp(thp).build()));
    }

    /** A process with {@code bytes} of private anonymous memory, resident (0: an empty mm). */
    Task process(String name, int pid, int uid, int oomScoreAdj, long bytes) {
        Task task = machine.syscalls().spawn(name, pid, null, uid, 0, oomScoreAdj);
        if (bytes > 0) {
            mapAndTouch(task, bytes, MapFlags.PRIVATE, null, true);
        }
        return task;
    }

    /** mmap + populate: {@code write} false reads every page instead. */
    long mapAndTouch(Task task, long bytes, int flags, Inode file, boolean write) {
        long addr = machine.syscalls().mmap(task, 0, bytes, Prot.READ | Prot.WRITE, flags, file, 0);
        machine.syscalls().populate(task, addr, bytes, write);
        return addr;
    }

    Inode file(String path, long size) {
        BlockDevice disk = machine.fs().device("ssd")
                .orElseGet(() -> machine.fs().addDevice(BlockDevice.withDefaults("ssd")));
        return machine.fs().create(path, size, disk, null);
    }

    /** out_of_memory() for a page fault of {@code current}. */
    OomResult outOfMemory(Task current) {
        return oom.outOfMemory(new OomControl(FAULT_GFP, 0, current));
    }

    /** Free pages: on the buddy lists and on the per-CPU lists. */
    long freePages() {
        return machine.pageAllocator().nrFreePages() + machine.pageAllocator().pcpPages();
    }

    long totalPages() {
        return machine.pageAllocator().totalramPages();
    }

    void runUntil(long ns) {
        machine.queue().runUntil(ns);
    }

    List<String> log() {
        return machine.log().lines().stream().map(KernelLog.Line::text).collect(Collectors.toList());
    }

    /** The machine's invariants and the OOM killer's own. */
    void check() {
        machine.checkInvariants();
        oom.checkInvariants();
    }
}
