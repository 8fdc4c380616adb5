package io.mmspec.runtime.task;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.Mmap;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.uapi.Signal;

/**
 * How tasks end. Mirrors kernel/exit.c: do_exit() → exit_mm() → mmput() → exit_mmap() (every
 * page unmapped and freed, then the page tables), and kernel/signal.c's default action of a
 * fatal signal (SIGSEGV, SIGBUS, SIGKILL terminate the task), with the "segfault at" line that
 * arch/x86/mm/fault.c: show_signal_msg() prints when show_unhandled_signals is set (default).
 */
public final class Exit {
    private final Mmap mmap;
    private final Mmu mmu;
    private final Current current;
    private final SimClock clock;
    private final Trace trace;
    private final KernelLog log;
    private TaskKernelMemory kernelMemory = TaskKernelMemory.NONE;

    public Exit(Mmap mmap, Mmu mmu, Current current, SimClock clock, Trace trace, KernelLog log) {
        this.mmap = mmap;
        this.mmu = mmu;
        this.current = current;
        this.clock = clock;
        this.trace = trace;
        this.log = log;
    }

    /** Where a task's task_struct, kernel stack and mm objects go back when it ends. */
    public void setKernelMemory(TaskKernelMemory memory) {
        this.kernelMemory = memory;
    }

    /** exit(2): the task ends with {@code code}. */
    public void exit(Task task, int code) {
        doExit(task, TaskState.EXITED, code);
    }

    /**
     * Delivers a fatal signal: records it, prints the segfault line for a fault, and ends the
     * task. {@code address} and {@code code} are the siginfo of a fault (0 otherwise).
     */
    public void kill(Task task, Signal signal, int code, long address, String cause) {
        killByFault(task, signal, code, address, -1, cause);
    }

    /**
     * A fatal signal from a fault: {@code errorCode} is the x86 page-fault error code the
     * "segfault at" line prints (-1 for a signal not caused by a fault).
     */
    public void killByFault(Task task, Signal signal, int code, long address, int errorCode, String cause) {
        if (!task.isAlive()) {
            return;
        }
        recordFatalSignal(task, signal, code, address, cause);
        if (errorCode >= 0) {
            log.printk(KernelLog.Level.INFO, segfaultLine(task, signal, address, errorCode));
        }
        doExit(task, TaskState.KILLED, 128 + signal.number());
    }

    /**
     * SIGKILL from the OOM killer (mm/oom_kill.c: __oom_kill_process()): the task is dead for the
     * scenario at once, but its address space stays, so that the OOM reaper can unmap its
     * private memory OOM_REAPER_DELAY later and then end it with {@link #exitMm(Task)}. (A real
     * victim runs exit_mm() itself as soon as it is scheduled; a simulated one never runs again.)
     */
    public void killKeepingMm(Task task, String cause) {
        if (!task.isAlive()) {
            return;
        }
        recordFatalSignal(task, Signal.SIGKILL, Signal.SI_KERNEL, 0, cause);
        task.markDead(TaskState.KILLED, 128 + Signal.SIGKILL.number());
        trace.event(EventKind.EXIT, task.cpu(), task.pid())
                .with("state", "killed").with("code", 128 + Signal.SIGKILL.number()).emit();
    }

    /** exit_mm() of a task killed with its address space kept: unmaps what is left, frees it. */
    public void exitMm(Task task) {
        if (task.isAlive()) {
            throw new IllegalStateException(task + " is alive: exit_mm() runs only for a dead task");
        }
        MmStruct mm = task.mm();
        if (mm != null) {
            releaseMm(task, mm);
            task.setMm(null);
        }
        kernelMemory.release(task);
    }

    private void recordFatalSignal(Task task, Signal signal, int code, long address, String cause) {
        task.recordSignal(new SignalRecord(clock.now(), signal, code, address, cause));
        trace.event(EventKind.SIGNAL, task.cpu(), task.pid())
                .with("signal", signal.name()).with("code", code).with("address", address)
                .with("cause", cause).emit();
    }

    /**
     * show_signal_msg(): registers are not simulated, so ip and sp print as zeros; the error
     * code is the x86 one (7 = PROT|WRITE|USER: a write to a present read-only page).
     */
    private String segfaultLine(Task task, Signal signal, long address, int errorCode) {
        String what = signal == Signal.SIGSEGV ? "segfault" : "bus error";
        return String.format("%s[%d]: %s at %x ip %016x sp %016x error %x likely on CPU %d (core %d, socket 0)",
                task.comm(), task.pid(), what, address, 0L, 0L, errorCode, task.cpu(), task.cpu());
    }

    private void doExit(Task task, TaskState how, int code) {
        MmStruct mm = task.mm();
        task.markDead(how, code);
        if (mm != null) {
            releaseMm(task, mm);
            task.setMm(null);
        }
        kernelMemory.release(task);
        trace.event(EventKind.EXIT, task.cpu(), task.pid())
                .with("state", how.name().toLowerCase(java.util.Locale.ROOT)).with("code", code).emit();
    }

    /** mmput() of an address space no task got (a fork that failed), charged to {@code parent}. */
    public void releaseUnusedMm(Task parent, MmStruct mm) {
        releaseMm(parent, mm);
    }

    /** mmput() → exit_mmap(): unmap every VMA, then free the page tables themselves. */
    void releaseMm(Task task, MmStruct mm) {
        MmuContext context = MmOps.context(mm);
        int savedCpu = current.cpu();
        int savedPid = current.pid();
        current.set(task.cpu(), task.pid());
        mmap.exitMmap(mm);
        if (context != null) {
            for (int cpu = 0; cpu < mmu.cpus(); cpu++) {
                if (mmu.loadedMm(cpu) == context) {
                    mmu.leaveMm(cpu);
                }
            }
            context.pageTable().destroy();
        }
        current.set(savedCpu, savedPid);
    }
}
