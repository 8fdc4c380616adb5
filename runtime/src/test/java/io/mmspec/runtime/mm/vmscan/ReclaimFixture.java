package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.PageTable;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.memory.VmFault;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.swap.Swap;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import java.util.List;

/**
 * A booted machine with swap and reclaim wired in the way the lead will wire them: the
 * allocator's reclaim hooks are the {@link Vmscan}, new pages join the LRU after each fault, and
 * a swap PTE met by an access goes through {@link io.mmspec.runtime.mm.swap.SwapIn} first (the
 * fault handler does not know swap entries yet).
 */
public final class ReclaimFixture {
    public static final long MB = 1L << 20;
    public static final BlockDevice SSD = new BlockDevice("ssd", 100_000L, 1L << 30, 32);

    public final Machine m;
    public final Swap swap;
    public final Vmscan vmscan;
    final TestFiles files;
    public long lastSwapInResult;

    private ReclaimFixture(MachineConfig config, long swapBytes, int swappiness) {
        java.util.List<io.mmspec.runtime.PressureConfig.SwapArea> swaps = swapBytes > 0
                ? java.util.List.of(new io.mmspec.runtime.PressureConfig.SwapArea(swapBytes, SSD.name(), null))
                : java.util.List.of();
        io.mmspec.runtime.PressureConfig d = io.mmspec.runtime.PressureConfig.defaults();
        m = Machine.boot(config.toBuilder().swappiness(swappiness).disks(java.util.List.of(SSD))
                .pressure(new io.mmspec.runtime.PressureConfig(swaps, d.readaheadBytes(), d.pageCluster(),
                        d.dirtyRatio(), d.dirtyBackgroundRatio(), d.dirtyExpireNs(), d.dirtyWritebackNs()))
                .build());
        swap = m.swap();
        vmscan = m.vmscan();
        files = new TestFiles(m.pageAllocator());
        files.setLruvec(vmscan.lruvec());
        m.attachFileReclaim(files);
    }

    public static ReclaimFixture boot(long ramBytes, long swapBytes, int swappiness) {
        return boot(MachineConfig.builder(ramBytes, 1).aslr(false).thp(ThpMode.NEVER).disks(List.of(SSD)), swapBytes,
                swappiness);
    }

    public static ReclaimFixture boot(MachineConfig.Builder config, long swapBytes, int swappiness) {
        return new ReclaimFixture(config.build(), swapBytes, swappiness);
    }

    public Task spawn(String name, int pid) {
        return m.syscalls().spawn(name, pid, null, 0, 0, 0);
    }

    /** mmap(NULL, pages * 4 KB, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS). */
    public long mapAnon(Task task, long pages) {
        return m.syscalls().mmap(task, 0, pages << 12, Prot.READ | Prot.WRITE, MapFlags.PRIVATE, null, 0);
    }

    /** A store of one byte; a new page joins the LRU as folio_add_lru_vma() would. */
    public void write(Task task, long address, int value) {
        access(task, address, AccessType.WRITE, value);
    }

    public int read(Task task, long address) {
        return access(task, address, AccessType.READ, -1);
    }

    private int access(Task task, long address, AccessType type, int value) {
        boolean swapped = Pte.isSwapEntry(pte(task, address));
        long majorBefore = m.vmEvents().get(VmEvent.PGMAJFAULT);
        int result = m.syscalls().access(task, address, type, value);
        if (swapped) {
            lastSwapInResult = m.vmEvents().get(VmEvent.PGMAJFAULT) > majorBefore ? VmFault.MAJOR : VmFault.OK;
        }
        return result;
    }

    public long pte(Task task, long address) {
        return MmOps.context(task.mm()).pageTable().pte(address);
    }

    /** What a scan before this one left: every PTE of the range old (accessed bits clear). */
    public void age(Task task, long start, long pages) {
        PageTable pt = MmOps.context(task.mm()).pageTable();
        for (long a = start; a < start + (pages << 12); a += 4096) {
            long pte = pt.pte(a);
            if (Pte.isPresent(pte)) {
                pt.setPte(a, Pte.mkold(pte));
            }
        }
        m.mmu().flushTlbAll();
    }

    /**
     * shrink_inactive_list() of up to {@code n} pages, as direct reclaim at priority 0 would;
     * if that left swap writes in flight, the disk finishes them (the clock runs to their
     * completion, which rotates the pages to the inactive tail) and a second pass frees them.
     * Returns the pages reclaimed by both passes.
     */
    long shrinkInactive(LruList lru, long n) {
        long reclaimed = shrinkInactiveOnce(lru, n);
        long done = swap.writebackCompletionOf(Long.MAX_VALUE);
        if (done < 0) {
            return reclaimed;
        }
        m.queue().runUntil(done);
        return reclaimed + shrinkInactiveOnce(lru, n);
    }

    /** One shrink_inactive_list() of up to {@code n} pages: swap writes are left in flight. */
    long shrinkInactiveOnce(LruList lru, long n) {
        ScanControl sc = new ScanControl(false, io.mmspec.runtime.mm.pagealloc.Gfp.GFP_KERNEL);
        sc.mayWritepage = true;
        sc.maySwap = true;
        sc.reclaimIdx = io.mmspec.runtime.mm.pagealloc.ZoneType.MOVABLE.ordinal();
        sc.priority = 0;
        return vmscan.shrinkLists().shrinkInactiveList(n, lru, sc);
    }

    public long event(VmEvent event) {
        return m.vmEvents().get(event);
    }

    /** Every check: the machine's, the LRU lists', and swap against every page table. */
    public void checkInvariants() {
        m.checkInvariants();
        vmscan.checkInvariants();
        swap.checkInvariants(visitor -> {
            for (Task task : m.tasks().all()) {
                if (task.mm() == null || !task.isAlive()) {
                    continue;
                }
                PageTable pt = MmOps.context(task.mm()).pageTable();
                for (Vma vma : task.mm().vmas()) {
                    pt.forEachLeaf(vma.start(), vma.end(), (address, entry, huge) -> {
                        if (Pte.isSwapEntry(entry)) {
                            visitor.accept(entry);
                        }
                        return entry;
                    });
                }
            }
        });
    }
}
