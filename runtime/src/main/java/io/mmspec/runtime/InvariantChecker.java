package io.mmspec.runtime;

import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.sim.LongLongMap;
import io.mmspec.runtime.task.Task;

/**
 * The checks that span mechanisms, after each mechanism's own: every page a PTE maps is
 * allocated, not free; each page's mapcount equals the number of PTEs (or PMDs) that map it;
 * each address space's RSS counters equal what its page tables map; NR_ANON_MAPPED and
 * NR_FILE_MAPPED equal a recount. Like the kernel's validate_mm() and the page-table checks of
 * CONFIG_DEBUG_VM, a wrong model fails loudly here instead of printing a plausible number.
 */
final class InvariantChecker {
    private final Machine m;
    private final MemMap memMap;

    InvariantChecker(Machine machine) {
        this.m = machine;
        this.memMap = machine.pageAllocator().memMap();
    }

    void check() {
        m.pageAllocator().checkInvariants();
        m.mmu().checkInvariants();
        m.pageCache().checkInvariants();
        m.oomKiller().checkInvariants();
        m.vmscan().checkInvariants();
        m.slab().checkInvariants();
        m.vmalloc().checkInvariants();
        m.taskMemory().checkInvariants();
        m.swap().checkInvariants(swapPte -> {
            for (MmStruct mm : m.tasks().liveMms()) {
                MmOps.context(mm).pageTable().forEachLeaf(0, 1L << 47, (address, entry, huge) -> {
                    if (Pte.isSwapEntry(entry)) {
                        swapPte.accept(entry);
                    }
                    return entry;
                });
            }
        });
        LongLongMap mappings = new LongLongMap();
        LongLongMap sizes = new LongLongMap();
        for (Task task : m.tasks().all()) {
            if (task.mm() != null) {
                checkMm(task, mappings, sizes);
            }
        }
        long[] anonMapped = {0};
        long[] fileMapped = {0};
        mappings.forEach((pfn, count) -> {
            if (memMap.isFree(pfn)) {
                fail("pfn " + pfn + " is mapped " + count + " times but free");
            }
            if (memMap.mapcount(pfn) != count) {
                fail("pfn " + pfn + " has mapcount " + memMap.mapcount(pfn) + " but " + count + " mappings");
            }
            long pages = sizes.get(pfn, 1);
            if (memMap.isAnon(pfn)) {
                anonMapped[0] += pages;
            } else {
                fileMapped[0] += pages;
            }
        });
        if (anonMapped[0] != m.pageRefs().nrAnonMapped()) {
            fail("NR_ANON_MAPPED is " + m.pageRefs().nrAnonMapped() + " but " + anonMapped[0] + " anonymous pages are mapped");
        }
        if (fileMapped[0] != m.pageRefs().nrFileMapped()) {
            fail("NR_FILE_MAPPED is " + m.pageRefs().nrFileMapped() + " but " + fileMapped[0] + " file pages are mapped");
        }
    }

    private void checkMm(Task task, LongLongMap mappings, LongLongMap sizes) {
        MmStruct mm = task.mm();
        mm.checkInvariants();
        io.mmspec.runtime.arch.PageTable pt = MmOps.context(mm).pageTable();
        pt.checkInvariants();
        long[] rss = new long[MmCounter.values().length];
        long[] swapEntries = {0};
        for (io.mmspec.runtime.mm.mmap.Vma vma : mm.vmas()) {
            pt.forEachLeaf(vma.start(), vma.end(), (address, entry, huge) -> {
                if (!Pte.isPresent(entry)) {
                    swapEntries[0]++;
                    return entry;
                }
                long pfn = Pte.pfn(entry);
                if (m.zeroPages().isZeroPfn(pfn)) {
                    return entry;
                }
                mappings.put(pfn, mappings.get(pfn, 0) + 1);
                sizes.put(pfn, huge ? 512 : 1);
                rss[m.pageRefs().mmCounter(pfn).ordinal()] += huge ? 512 : 1;
                return entry;
            });
        }
        rss[MmCounter.MM_SWAPENTS.ordinal()] = swapEntries[0];
        for (MmCounter counter : MmCounter.values()) {
            if (rss[counter.ordinal()] != mm.counter(counter)) {
                fail(task + ": " + counter + " is " + mm.counter(counter) + " but the page tables map "
                        + rss[counter.ordinal()] + " such pages");
            }
        }
    }

    private static void fail(String message) {
        throw new IllegalStateException("invariant violated: " + message);
    }
}
