package io.mmspec.runtime.arch;

/**
 * TLB shootdown: mirrors flush_tlb_mm_range(), native_flush_tlb_multi(), should_flush_tlb(),
 * flush_tlb_func(), flush_tlb_all() and flush_tlb_kernel_range() of arch/x86/mm/tlb.c.
 *
 * <pre>
 * flush_tlb_mm_range(mm, start, end)          on the initiating CPU
 *   tlb_gen = ++mm.tlb_gen
 *   pages > 33 ?  → flush everything of mm instead of page by page
 *   another CPU in mm_cpumask?  → flush_tlb_multi: for each CPU c in the mask
 *        freed_tables or (c runs mm and is not lazy) ?  → flush_tlb_func on c (an IPI unless c is us)
 *   else, mm loaded here?  → flush_tlb_func locally
 *
 * flush_tlb_func on c:  mm not loaded on c → drop c from mm_cpumask
 *                       c lazy             → switch c to init_mm
 *                       c behind by 1 gen  → INVLPG each page    (else a full ASID flush)
 *                       then c's slot records mm.tlb_gen
 * </pre>
 *
 * CPUs that were skipped (lazy, or holding the mm's ASID while running another mm) catch up
 * when they next switch to the mm: their slot's tlb_gen is behind, so switch_mm flushes it.
 * Not modelled: the periodic cpumask trim (once a second), INVLPGB broadcast and global ASIDs,
 * PTI's user PCIDs. The vmstat counters are the kernel's CONFIG_DEBUG_TLBFLUSH ones.
 */
final class TlbFlusher {
    private final CpuTlbState[] cpus;
    private final MmuContext initMm;
    private final boolean pcid;
    private final int ceiling;

    // flush_tlb_info, reused for every flush (one flush runs at a time)
    private MmuContext infoMm;
    private long infoStart;
    private long infoEnd;
    private int infoStride;
    private boolean infoFlushAll;
    private long infoNewTlbGen;
    private int initiatingCpu;

    long ipisSent;
    long nrTlbRemoteFlush;
    long nrTlbRemoteFlushReceived;
    long nrTlbLocalFlushAll;
    long nrTlbLocalFlushOne;

    TlbFlusher(CpuTlbState[] cpus, MmuContext initMm, boolean pcid, int ceiling) {
        this.cpus = cpus;
        this.initMm = initMm;
        this.pcid = pcid;
        this.ceiling = ceiling;
    }

    void flushTlbMmRange(int cpu, MmuContext mm, long start, long end, int strideShift,
                         boolean flushAll, boolean freedTables) {
        infoMm = mm;
        infoNewTlbGen = mm.incTlbGen();
        infoStart = start;
        infoEnd = end;
        infoStride = strideShift;
        infoFlushAll = flushAll || ((end - start) >>> strideShift) > ceiling;
        initiatingCpu = cpu;
        if (anyOtherCpu(mm, cpu)) {
            flushTlbMulti(freedTables);
        } else if (cpus[cpu].loadedMm == mm) {
            flushTlbFunc(cpus[cpu]);
        }
    }

    private static boolean anyOtherCpu(MmuContext mm, int cpu) {
        int first = mm.nextCpu(0);
        return first >= 0 && (first != cpu || mm.nextCpu(cpu + 1) >= 0);
    }

    /** native_flush_tlb_multi(): every CPU of the mask if tables were freed, else only those running mm. */
    private void flushTlbMulti(boolean freedTables) {
        nrTlbRemoteFlush++;
        for (int c = infoMm.nextCpu(0); c >= 0; c = infoMm.nextCpu(c + 1)) {
            CpuTlbState target = cpus[c];
            if (freedTables || shouldFlushTlb(target)) {
                if (c != initiatingCpu) {
                    ipisSent++;
                }
                flushTlbFunc(target);
            }
        }
    }

    /** should_flush_tlb(): a lazy CPU catches up at its next switch; one running another mm is skipped. */
    private boolean shouldFlushTlb(CpuTlbState target) {
        return !target.isLazy && target.loadedMm == infoMm;
    }

    private void flushTlbFunc(CpuTlbState target) {
        boolean local = target.cpu == initiatingCpu;
        if (!local) {
            target.tlbShootdowns++;
            nrTlbRemoteFlushReceived++;
        }
        if (target.loadedMm != infoMm) {
            infoMm.clearCpu(target.cpu);
            return;
        }
        if (target.isLazy) {
            target.switchMm(initMm, pcid);
            return;
        }
        int asid = target.loadedMmAsid;
        long localTlbGen = target.ctxTlbGen[asid];
        long mmTlbGen = infoMm.tlbGen();
        if (infoNewTlbGen <= localTlbGen || localTlbGen == mmTlbGen) {
            return;
        }
        if (!infoFlushAll && infoNewTlbGen == localTlbGen + 1 && infoNewTlbGen == mmTlbGen) {
            long pages = 0;
            for (long address = infoStart; address < infoEnd; address += 1L << infoStride) {
                target.tlb.flushOne(asid, address);
                pages++;
            }
            target.tlb.countRangeFlush();
            if (local) {
                nrTlbLocalFlushOne += pages;
            }
        } else {
            target.tlb.flushAsid(asid);
            if (local) {
                nrTlbLocalFlushAll++;
            }
        }
        target.ctxTlbGen[asid] = mmTlbGen;
    }

    /** flush_tlb_all(): on_each_cpu(do_flush_tlb_all), a function-call IPI to every other CPU. */
    void flushTlbAll(int cpu) {
        nrTlbRemoteFlush++;
        flushAllOnEachCpu(cpu);
    }

    private void flushAllOnEachCpu(int cpu) {
        for (CpuTlbState target : cpus) {
            if (target.cpu != cpu) {
                ipisSent++;
            }
            nrTlbRemoteFlushReceived++;
            target.tlb.flushAll();
        }
    }

    /** flush_tlb_kernel_range(): INVLPG each page on every CPU, or everything above the ceiling. */
    void flushTlbKernelRange(int cpu, long start, long end) {
        if (((end - start) >>> Paging.PAGE_SHIFT) > ceiling) {
            flushAllOnEachCpu(cpu);
            return;
        }
        for (CpuTlbState target : cpus) {
            if (target.cpu != cpu) {
                ipisSent++;
            }
            for (long address = start; address < end; address += Paging.PAGE_SIZE) {
                nrTlbLocalFlushOne++;
                target.tlb.flushOne(target.loadedMmAsid, address);
            }
        }
    }
}
