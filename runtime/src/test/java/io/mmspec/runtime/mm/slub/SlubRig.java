package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.PageAllocConfig;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.Trace;

import java.util.List;
import java.util.stream.Collectors;

/** A page allocator, a log and a trace, with SLUB on top. */
public final class SlubRig {
    public static final long MB = 1L << 20;
    public final SimClock clock = new SimClock();
    public final KernelLog log = new KernelLog(clock);
    public final Trace trace = new Trace(clock, pid -> "task" + pid, Trace.DEFAULT_CAPACITY);
    public final PageAllocator pages;
    public final SlabAllocator slab;

    public SlubRig(long ram, int cpus, String slubDebug) {
        pages = new PageAllocator(PageAllocConfig.of(ram, cpus));
        slab = new SlabAllocator(pages, SlubConfig.defaults(cpus).withSlubDebug(slubDebug), log, trace);
    }

    public static SlubRig twoCpus() {
        return new SlubRig(256 * MB, 2, "");
    }

    /** The log's lines, text only. */
    public List<String> lines() {
        return log.lines().stream().map(KernelLog.Line::text).collect(Collectors.toList());
    }

    public void check() {
        slab.checkInvariants();
        pages.checkInvariants();
    }
}
