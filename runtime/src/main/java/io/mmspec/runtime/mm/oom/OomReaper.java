package io.mmspec.runtime.mm.oom;

import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.task.Exit;
import java.util.ArrayList;
import java.util.List;

/**
 * The oom_reaper kernel thread. Mirrors mm/oom_kill.c: queue_oom_reaper() (a timer
 * OOM_REAPER_DELAY after the kill), wake_oom_reaper(), oom_reap_task(), oom_reap_task_mm() and
 * __oom_reap_task_mm().
 *
 * <pre>
 *   kill at t ──── 2 s (2*HZ) ────▶ wake_oom_reaper
 *                                     victim's mm already gone (MMF_OOM_SKIP)? nothing to do
 *                                     for each VMA, from the top of the address space down:
 *                                       VM_HUGETLB | VM_PFNMAP          skip
 *                                       anonymous or not VM_SHARED      unmap its pages
 *                                     "oom_reaper: reaped process ..."
 *                                     MMF_OOM_SKIP
 *                                   then the victim's exit_mm() releases what is left
 * </pre>
 *
 * Shared mappings keep their pages until exit_mm(): the reaper only takes what it can drop
 * without writing anything back. The reverse walk is 6.18's (mas_for_each_rev). The thread
 * runs on CPU {@value #REAPER_CPU}. A simulated mmap_lock is never contended, so the
 * MAX_OOM_REAP_RETRIES trylock loop and "unable to reap" do not arise.
 */
final class OomReaper {
    /** OOM_REAPER_DELAY = 2*HZ: two seconds, whatever HZ is. */
    static final long OOM_REAPER_DELAY_NS = 2_000_000_000L;
    static final int REAPER_CPU = 0;

    private final EventQueue queue;
    private final SimClock clock;
    private final Current current;
    private final MmOps mmOps;
    private final Exit exit;
    private final OomReport report;
    private final Trace trace;
    private final OomMemory memory;

    OomReaper(EventQueue queue, SimClock clock, Current current, MmOps mmOps, Exit exit,
              OomReport report, Trace trace, OomMemory memory) {
        this.queue = queue;
        this.clock = clock;
        this.current = current;
        this.mmOps = mmOps;
        this.exit = exit;
        this.report = report;
        this.trace = trace;
        this.memory = memory;
    }

    /** queue_oom_reaper(): once per mm (MMF_OOM_REAP_QUEUED); returns when the reaper runs. */
    long queueOomReaper(OomVictims.Victim victim) {
        if (!victim.reapQueued) {
            victim.reapQueued = true;
            victim.reapAtNs = clock.now() + OOM_REAPER_DELAY_NS;
            queue.at(victim.reapAtNs, () -> wakeOomReaper(victim));
        }
        return victim.reapAtNs;
    }

    /** wake_oom_reaper() → oom_reap_task(): the timer fired. */
    private void wakeOomReaper(OomVictims.Victim victim) {
        if (victim.oomSkip()) {
            return; // the victim managed to terminate on its own (see exit_mmap)
        }
        int savedCpu = current.cpu();
        int savedPid = current.pid();
        current.set(REAPER_CPU, 0);
        try {
            reap(victim);
        } finally {
            current.set(savedCpu, savedPid);
        }
    }

    /** oom_reap_task_mm(), then MMF_OOM_SKIP, then the rest of the victim's exit_mm(). */
    private void reap(OomVictims.Victim victim) {
        MmStruct mm = victim.oomMm;
        long rssBefore = mm.rss();
        long freeBefore = memory.showMem().freeAndPcp();
        oomReapTaskMm(mm);
        long freed = memory.showMem().freeAndPcp() - freeBefore;
        report.reaped(victim.task, mm);
        trace.event(EventKind.OOM_REAP, REAPER_CPU, victim.task.pid())
                .with("reaped", rssBefore - mm.rss())
                .with("freed", freed)
                .with("anon_rss", mm.counter(MmCounter.MM_ANONPAGES) << 2)
                .with("file_rss", mm.counter(MmCounter.MM_FILEPAGES) << 2)
                .with("shmem_rss", mm.counter(MmCounter.MM_SHMEMPAGES) << 2)
                .emit();
        victim.setOomSkip();
        exit.exitMm(victim.task);
    }

    /** __oom_reap_task_mm(): unmap the pages of every anonymous or private VMA. */
    private void oomReapTaskMm(MmStruct mm) {
        List<Vma> vmas = new ArrayList<>(mm.vmas());
        for (int i = vmas.size() - 1; i >= 0; i--) {
            Vma vma = vmas.get(i);
            if ((vma.flags() & (VmFlags.VM_HUGETLB | VmFlags.VM_PFNMAP)) != 0) {
                continue;
            }
            if (vma.isAnonymous() || !vma.isShared()) {
                mmOps.zap(mm, vma, vma.start(), vma.end());
            }
        }
    }
}
