package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.FileDecl;
import io.mmspec.dsl.ast.ProcessDecl;
import io.mmspec.dsl.compile.MachineCompiler;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.fs.ElfLayout;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import java.util.List;

/**
 * The world at time 0: files with their contents on their disks, and the processes that already
 * run, each with its memory resident when it {@code uses} some. Setup costs no simulated time
 * and counts in no counter: vmstat and the processes' fault counters start at 0 afterwards.
 */
public final class Setup {
    private Setup() {
    }

    public static void createFiles(Machine machine, List<FileDecl> files) {
        for (FileDecl f : files) {
            String diskName = f.disk().map(d -> d.text()).orElse(MachineCompiler.DEFAULT_DISK);
            BlockDevice disk = machine.fs().device(diskName).orElseGet(() ->
                    machine.fs().addDevice(BlockDevice.withDefaults(diskName)));
            byte[] contents = f.contents().map(c -> c.bytes()).orElse(new byte[0]);
            long size = f.size().map(s -> s.bytes()).orElse((long) contents.length);
            ElfLayout elf = f.layout().map(l -> new ElfLayout(
                    l.text().map(s -> s.bytes()).orElse(4096L),
                    l.data().map(s -> s.bytes()).orElse(0L),
                    l.bss().map(s -> s.bytes()).orElse(0L))).orElse(null);
            Inode inode = machine.fs().create(f.path().value(), size, disk, elf);
            for (int off = 0; off < contents.length; off += Inode.BLOCK) {
                byte[] block = new byte[Inode.BLOCK];
                System.arraycopy(contents, off, block, 0, Math.min(Inode.BLOCK, contents.length - off));
                inode.writeBlock(off / Inode.BLOCK, block);
            }
        }
    }

    /** A process of the scenario's list, created as it was declared. */
    public static Task createProcess(Machine machine, ProcessDecl p) {
        Task parent = p.parent().flatMap(n -> machine.tasks().byName(n.text())).orElse(null);
        Task task = machine.syscalls().spawn(p.name().text(), (int) p.pid().map(c -> c.value()).orElse(0L).longValue(),
                parent, (int) p.uid().map(c -> c.value()).orElse(0L).longValue(),
                (int) p.nice().map(c -> c.value()).orElse(0L).longValue(),
                (int) p.oomScoreAdj().map(c -> c.value()).orElse(0L).longValue());
        if (p.uses().isPresent()) {
            long size = p.uses().get().bytes();
            long addr = machine.syscalls().mmap(task, 0, size, Prot.READ | Prot.WRITE,
                    MapFlags.PRIVATE, null, 0);
            fill(machine, task, addr, size);
            machine.syscalls().bind(task, p.usesAs().map(n -> n.text()).orElse("memory"), addr, size);
            task.resetFaultCounters();
        }
        return task;
    }

    /**
     * Makes the memory a process uses resident and holding data, as a running program's does:
     * one non-zero byte at the start of each page, from a pattern derived from the seed (so
     * that reclaim must really write it to swap, where an all-zero page would only be marked).
     */
    private static void fill(Machine machine, Task task, long addr, long size) {
        java.util.SplittableRandom pattern = machine.random().stream("uses/" + task.pid());
        for (long a = addr; a < addr + size; a += 4096) {
            if (machine.syscalls().access(task, a, io.mmspec.runtime.uapi.AccessType.WRITE,
                    1 + pattern.nextInt(255)) < 0) {
                throw new UnsupportedOperationException(task.comm() + " uses more memory than the machine has");
            }
        }
    }

    /** Forgets what setup cost: the clock has not moved, vmstat and the TLBs count from now. */
    public static void finish(Machine machine) {
        machine.meter().take();
        machine.vmEvents().reset();
        machine.trace().clear();
    }
}
