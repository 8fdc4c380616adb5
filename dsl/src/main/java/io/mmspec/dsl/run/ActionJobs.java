package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.Access;
import io.mmspec.dsl.ast.Action;
import io.mmspec.dsl.ast.FileAccess;
import io.mmspec.dsl.ast.KernelAction;
import io.mmspec.dsl.ast.ProcessAction;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.task.Job;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.Madvise;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Signal;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The action compiler: each action of the language becomes a job of system calls and memory
 * accesses on the simulated machine. The scenario runner and the Gherkin steps both use it, so
 * "blender allocates 2 GB" means one thing everywhere.
 */
public final class ActionJobs {
    private final Machine machine;
    private final KernelObjects kernelObjects;

    public ActionJobs(Machine machine, KernelObjects kernelObjects) {
        this.machine = machine;
        this.kernelObjects = kernelObjects;
    }

    /** The job for {@code action}, run by {@code task} (the kernel's own task for kernel actions). */
    public Job jobFor(Action action, Task task) {
        if (action instanceof ProcessAction p) {
            return processJob(p, task);
        }
        if (action instanceof KernelAction k) {
            return new KernelJobs(machine, kernelObjects).jobFor(k);
        }
        Action.Kill kill = (Action.Kill) action;
        return once(() -> {
            Task target = machine.tasks().byName(kill.target().text()).orElseThrow();
            Signal signal = kill.signal().map(s -> Signal.valueOf(s.text().toUpperCase(Locale.ROOT))).orElse(Signal.SIGKILL);
            machine.syscalls().kill(kill.sender().isPresent() ? task : null, target, signal);
        });
    }

    private Job processJob(ProcessAction a, Task t) {
        if (a instanceof ProcessAction.Mmap m) {
            return once(() -> mmap(t, m));
        }
        if (a instanceof ProcessAction.Munmap m) {
            return once(() -> { long[] r = range(t, m.region()); machine.syscalls().munmap(t, r[0], r[1]); });
        }
        if (a instanceof ProcessAction.Mremap m) {
            return once(() -> {
                long[] r = range(t, m.region());
                long addr = machine.syscalls().mremap(t, r[0], r[1], m.newLength().bytes());
                machine.syscalls().bind(t, m.region().nameOrNull().text(), addr, m.newLength().bytes());
            });
        }
        if (a instanceof ProcessAction.Mprotect m) {
            return once(() -> { long[] r = range(t, m.region()); machine.syscalls().mprotect(t, r[0], r[1], m.perm().prot()); });
        }
        if (a instanceof ProcessAction.Madvise m) {
            return once(() -> { long[] r = range(t, m.region()); machine.syscalls().madvise(t, r[0], r[1], advice(m.advice().text())); });
        }
        if (a instanceof ProcessAction.Mlock m) {
            return once(() -> { long[] r = range(t, m.region()); machine.syscalls().mlock(t, r[0], r[1], m.onFault()); });
        }
        if (a instanceof ProcessAction.Munlock m) {
            return once(() -> { long[] r = range(t, m.region()); machine.syscalls().munlock(t, r[0], r[1]); });
        }
        if (a instanceof ProcessAction.Malloc m) {
            return malloc(t, m);
        }
        if (a instanceof ProcessAction.Free f) {
            return once(() -> machine.syscalls().free(t, range(t, f.region())[0]));
        }
        if (a instanceof ProcessAction.Touch touch) {
            long[] r = range(t, touch.region());
            return PageSteps.sequential(machine, t, AccessType.WRITE, r[0], r[1]);
        }
        if (a instanceof ProcessAction.Read read) {
            return access(t, AccessType.READ, read.region(), read.access());
        }
        if (a instanceof ProcessAction.Execute exec) {
            return access(t, AccessType.EXEC, exec.region(), exec.access());
        }
        if (a instanceof ProcessAction.Write w) {
            return new WriteSteps(machine, t, range(t, w.region())[0], w.data().bytes());
        }
        return lifecycleOrFileJob(a, t);
    }

    private Job lifecycleOrFileJob(ProcessAction a, Task t) {
        if (a instanceof ProcessAction.Fork f) {
            return once(() -> machine.syscalls().fork(t, f.child().text(), (int) f.pid().map(c -> c.value()).orElse(0L).longValue()));
        }
        if (a instanceof ProcessAction.Exec e) {
            return once(() -> machine.syscalls().execve(t, e.path().value()));
        }
        if (a instanceof ProcessAction.Exit e) {
            return once(() -> machine.syscalls().exit(t, (int) e.code().map(c -> c.value()).orElse(0L).longValue()));
        }
        if (a instanceof ProcessAction.FileRead r) {
            return FileSteps.read(machine, t, r.path().value(), r.access(), streamFor(t, r.span().line()));
        }
        if (a instanceof ProcessAction.FileWrite w) {
            return FileSteps.write(machine, t, w, streamFor(t, w.span().line()));
        }
        if (a instanceof ProcessAction.Fsync f) {
            return once(() -> machine.syscalls().fsync(t, f.path().value()));
        }
        if (a instanceof ProcessAction.Fadvise f) {
            return once(() -> machine.syscalls().fadvise(t, f.path().value(),
                    io.mmspec.runtime.mm.readahead.Fadvise.valueOf(f.advice().text().toUpperCase(Locale.ROOT))));
        }
        throw new MechanismUnavailable("replaying a trace", "the trace reader (replays)");
    }

    private void mmap(Task t, ProcessAction.Mmap m) {
        Inode file = m.file().map(f -> machine.fs().lookup(f.value()).orElseThrow(() ->
                new SyscallException(Errno.ENOENT, f.value() + ": no such file"))).orElse(null);
        int flags = (m.shared() ? MapFlags.SHARED : MapFlags.PRIVATE) | (m.populate() ? MapFlags.POPULATE : 0);
        long addr = machine.syscalls().mmap(t, m.fixedAddress().map(x -> x.value()).orElse(0L),
                m.length().bytes(), m.perm().prot(), flags, file, m.offset().map(o -> o.bytes()).orElse(0L));
        machine.syscalls().bind(t, m.name().text(), addr, m.length().bytes());
        if (m.huge()) {
            machine.syscalls().madvise(t, addr, m.length().bytes(), Madvise.HUGEPAGE);
        }
    }

    private Job malloc(Task t, ProcessAction.Malloc m) {
        long[] addr = new long[1];
        Job touch = new Job() {
            private Job pages;

            @Override
            public boolean step() {
                if (pages == null) {
                    addr[0] = machine.syscalls().malloc(t, m.size().bytes());
                    m.name().ifPresent(n -> machine.syscalls().bind(t, n.text(), addr[0], m.size().bytes()));
                    SplittableRandom pattern = streamFor(t, m.span().line());
                    pages = PageSteps.sequential(machine, t, AccessType.WRITE, addr[0], m.size().bytes(),
                            () -> 1 + pattern.nextInt(255)); // data, as a program's: never all zeros
                    return true;
                }
                return pages.step();
            }
        };
        return touch;
    }

    private Job access(Task t, AccessType type, io.mmspec.dsl.ast.Region region, Access access) {
        long[] r = range(t, region);
        if (access instanceof Access.Random random) {
            SplittableRandom rng = streamFor(t, region.span().line());
            long pages = Math.max(1, r[1] >>> 12);
            return new PageSteps(machine, t, type, random.times().value(), i -> r[0] + (rng.nextLong(pages) << 12));
        }
        if (access instanceof Access.Stride stride) {
            long step = stride.stride().bytes();
            return new PageSteps(machine, t, type, Math.max(1, (r[1] + step - 1) / step), i -> r[0] + i * step);
        }
        if (access instanceof Access.Repeated repeated) {
            return new PageSteps(machine, t, type, repeated.times().value(), i -> r[0]);
        }
        if (access instanceof Access.Sequential seq && seq.length().isPresent()) {
            return PageSteps.sequential(machine, t, type, r[0], Math.min(r[1], seq.length().get().bytes()));
        }
        return PageSteps.sequential(machine, t, type, r[0], r[1]);
    }

    private SplittableRandom streamFor(Task t, int line) {
        return machine.random().stream("access/" + t.pid() + "/" + line);
    }

    private static long[] range(Task t, io.mmspec.dsl.ast.Region region) {
        return RegionResolver.resolve(t, region);
    }

    static Madvise advice(String text) {
        return Madvise.valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** A job of one step. */
    static Job once(Runnable work) {
        return () -> {
            work.run();
            return false;
        };
    }
}
