package io.mmspec.runtime.mm.vmalloc;

import io.mmspec.runtime.mm.pagealloc.PageAllocConfig;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A booted machine with vmalloc on it; records every kernel TLB flush. */
final class Kernel {
    static final long KB = 1L << 10;
    static final long MB = 1L << 20;
    static final long START = VmallocConfig.VMALLOC_START;

    final SimClock clock = new SimClock();
    final Trace trace = new Trace(clock, pid -> "task" + pid, Trace.DEFAULT_CAPACITY);
    final KernelLog log = new KernelLog(clock);
    final List<long[]> flushes = new ArrayList<>();
    final PageAllocator pages;
    final Vmalloc vmalloc;

    Kernel(long ramBytes, VmallocConfig config) {
        pages = new PageAllocator(PageAllocConfig.of(ramBytes, config.cpus()));
        vmalloc = new Vmalloc(pages, config, (start, end) -> flushes.add(new long[] {start, end}), trace, log);
    }

    static Kernel boot(long ramBytes, int cpus) {
        return new Kernel(ramBytes, VmallocConfig.of(cpus));
    }

    /** Pages in the buddy lists once the per-CPU lists are drained. */
    long freePagesDrained() {
        pages.drainAllPages();
        return pages.nrFreePages();
    }

    List<String> logText() {
        return log.lines().stream().map(KernelLog.Line::text).collect(Collectors.toList());
    }

    List<String> vmallocinfo() {
        return vmalloc.vmallocinfoLines().stream().map(VmallocInfoLine::text).collect(Collectors.toList());
    }

    /** The pfns mapped at each page of [addr, addr + bytes). */
    long[] pfns(long addr, long bytes) {
        long[] out = new long[(int) (bytes / Vmalloc.PAGE_SIZE)];
        for (int i = 0; i < out.length; i++) {
            out[i] = vmalloc.translate(addr + (long) i * Vmalloc.PAGE_SIZE).orElseThrow();
        }
        return out;
    }
}
