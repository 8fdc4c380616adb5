package io.mmspec.runtime.task;

import io.mmspec.runtime.fs.ElfLayout;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.ElfBinary;
import io.mmspec.runtime.mm.mmap.ExecLayout;
import io.mmspec.runtime.mm.mmap.Mmap;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.RandomStreams;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * execve(2). Mirrors fs/exec.c: begin_new_exec() (the old address space is released) and
 * fs/binfmt_elf.c: load_elf_binary() (text, data and bss mapped from the file, the heap and the
 * stack set up). With ASLR on the executable is PIE at a random base; with ASLR off it sits at
 * the classic 0x400000. The region names become {@code text}, {@code data}, {@code bss},
 * {@code heap} and {@code stack}.
 */
public final class Exec {
    private final Mmap mmap;
    private final MmOps mmOps;
    private final Exit exit;
    private final RandomStreams random;
    private final boolean aslr;
    private final Trace trace;
    private int execs;

    public Exec(Mmap mmap, MmOps mmOps, Exit exit, RandomStreams random, boolean aslr, Trace trace) {
        this.mmap = mmap;
        this.mmOps = mmOps;
        this.exit = exit;
        this.random = random;
        this.aslr = aslr;
        this.trace = trace;
    }

    public void execve(Task task, Inode file) {
        ElfLayout elf = file.elf().orElseThrow(() -> new SyscallException(Errno.EACCES,
                file.path() + " is not an executable (no text/data/bss layout)"));
        ExecLayout layout = mmap.loadElfBinary(
                new ElfBinary(file, elf.textBytes(), elf.dataBytes(), elf.bssBytes(), aslr),
                aslr ? random.stream("exec/" + task.pid() + "/" + execs++) : null);
        MmStruct mm = layout.mm();
        mmOps.ensureContext(mm);
        MmStruct old = task.mm();
        if (old != null) {
            exit.releaseMm(task, old);
        }
        task.setMm(mm);
        task.replaceRegions(regions(layout));
        trace.event(EventKind.EXEC, task.cpu(), task.pid()).with("file", file.path())
                .with("entry", layout.entry()).emit();
    }

    private static Map<String, Region> regions(ExecLayout l) {
        Map<String, Region> regions = new LinkedHashMap<>();
        regions.put("text", new Region(l.textStart(), l.textEnd() - l.textStart()));
        regions.put("data", new Region(l.dataStart(), l.dataEnd() - l.dataStart()));
        regions.put("bss", new Region(l.bssStart(), l.bssEnd() - l.bssStart()));
        regions.put("heap", new Region(l.mm().layout().startBrk(), 0));
        regions.put("stack", new Region(l.stackStart(), l.stackEnd() - l.stackStart()));
        return regions;
    }
}
