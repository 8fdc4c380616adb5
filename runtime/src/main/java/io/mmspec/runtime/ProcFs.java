package io.mmspec.runtime;

import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.ProcMaps;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.mm.vmalloc.VmallocConfig;
import io.mmspec.runtime.mm.vmscan.LruList;
import io.mmspec.runtime.mm.vmscan.Lruvec;
import io.mmspec.runtime.mm.pagealloc.ZoneView;
import io.mmspec.runtime.proc.MeminfoField;
import io.mmspec.runtime.proc.ProcText;
import io.mmspec.runtime.proc.VmStatGauge;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person reads under /proc, computed from the state of the mechanisms each time it is
 * read (fs/proc/meminfo.c, mm/vmstat.c, fs/proc/task_mmu.c, fs/proc/array.c). Values of
 * mechanisms this version does not simulate yet (slab, swap, vmalloc, LRU aging) read as the
 * kernel would show them with that mechanism idle: zero, or every page on an inactive list.
 * Slab, SReclaimable, SUnreclaim, KernelStack and VmallocUsed come from SLUB, the tasks'
 * stacks and vmalloc; KReclaimable is SReclaimable (no other reclaimable kernel memory is
 * modelled).
 */
public final class ProcFs {
    private final Machine m;

    ProcFs(Machine machine) {
        this.m = machine;
    }

    /** /proc/meminfo, field by field, in kB (counts for HugePages_*). */
    public Map<MeminfoField, Long> meminfo() {
        Map<MeminfoField, Long> v = new EnumMap<>(MeminfoField.class);
        long managed = m.pageAllocator().totalramPages();
        long free = m.pageAllocator().nrFreePages();
        long filePages = m.pageCache().nrFilePages();
        long swapCached = m.swap().cache().nrSwapCached();
        long anon = m.pageRefs().nrAnonMapped();
        Lruvec lru = m.vmscan().lruvec();
        for (MeminfoField field : MeminfoField.values()) {
            v.put(field, 0L);
        }
        v.put(MeminfoField.MEM_TOTAL, kb(managed));
        v.put(MeminfoField.MEM_FREE, kb(free));
        v.put(MeminfoField.MEM_AVAILABLE, kb(memAvailable(free, filePages)));
        v.put(MeminfoField.CACHED, kb(filePages));
        v.put(MeminfoField.SWAP_CACHED, kb(swapCached));
        v.put(MeminfoField.ACTIVE, kb(lru.size(LruList.ACTIVE_ANON) + lru.size(LruList.ACTIVE_FILE)));
        v.put(MeminfoField.INACTIVE, kb(lru.size(LruList.INACTIVE_ANON) + lru.size(LruList.INACTIVE_FILE)));
        v.put(MeminfoField.ACTIVE_ANON, kb(lru.size(LruList.ACTIVE_ANON)));
        v.put(MeminfoField.INACTIVE_ANON, kb(lru.size(LruList.INACTIVE_ANON)));
        v.put(MeminfoField.ACTIVE_FILE, kb(lru.size(LruList.ACTIVE_FILE)));
        v.put(MeminfoField.INACTIVE_FILE, kb(lru.size(LruList.INACTIVE_FILE)));
        v.put(MeminfoField.UNEVICTABLE, kb(lru.size(LruList.UNEVICTABLE)));
        v.put(MeminfoField.MLOCKED, kb(lru.nrMlock()));
        v.put(MeminfoField.SWAP_TOTAL, kb(m.swap().totalSwapPages()));
        v.put(MeminfoField.SWAP_FREE, kb(m.swap().nrSwapPages()));
        v.put(MeminfoField.DIRTY, kb(m.pageCache().nrDirty()));
        v.put(MeminfoField.WRITEBACK, kb(m.pageCache().nrWriteback() + m.swap().nrWriteback()));
        v.put(MeminfoField.ANON_PAGES, kb(anon));
        v.put(MeminfoField.MAPPED, kb(m.pageRefs().nrFileMapped()));
        v.put(MeminfoField.SHMEM, kb(m.pageCache().nrShmem()));
        long reclaimable = m.slab().reclaimableBytes() >>> 10;
        long unreclaimable = m.slab().unreclaimableBytes() >>> 10;
        v.put(MeminfoField.K_RECLAIMABLE, reclaimable); // no other reclaimable kernel memory here
        v.put(MeminfoField.SLAB, reclaimable + unreclaimable);
        v.put(MeminfoField.S_RECLAIMABLE, reclaimable);
        v.put(MeminfoField.S_UNRECLAIM, unreclaimable);
        v.put(MeminfoField.KERNEL_STACK, m.taskMemory().kernelStackKb());
        v.put(MeminfoField.PAGE_TABLES, kb(pageTablePages()));
        v.put(MeminfoField.COMMIT_LIMIT, kb(m.overcommit().commitLimit()));
        v.put(MeminfoField.COMMITTED_AS, kb(m.overcommit().committed()));
        v.put(MeminfoField.VMALLOC_TOTAL, VmallocConfig.VMALLOC_TOTAL_KB);
        v.put(MeminfoField.VMALLOC_USED, kb(m.vmalloc().nrPages()));
        v.put(MeminfoField.ANON_HUGE_PAGES, m.pageRefs().nrAnonThps() * 2048);
        v.put(MeminfoField.HUGEPAGESIZE, 2048L);
        long ramKb = m.config().ramBytes() >>> 10;
        v.put(MeminfoField.DIRECT_MAP_4K, Math.min(ramKb, 2048L));
        v.put(MeminfoField.DIRECT_MAP_2M, Math.max(0, Math.min(ramKb, 1L << 20) - 2048));
        v.put(MeminfoField.DIRECT_MAP_1G, Math.max(0, ramKb - (1L << 20)));
        return v;
    }

    /**
     * si_mem_available(): free pages above the reserves, plus the page cache and the
     * reclaimable slab that could be dropped without going below the low watermarks.
     */
    private long memAvailable(long free, long filePages) {
        long wmarkLow = 0;
        for (ZoneType type : ZoneType.values()) {
            wmarkLow += m.pageAllocator().zone(type).lowWatermark();
        }
        long available = free - m.pageAllocator().totalreservePages();
        available += filePages - Math.min(filePages / 2, wmarkLow);
        long reclaimable = m.slab().reclaimableBytes() >>> 12; // NR_SLAB_RECLAIMABLE_B + NR_KERNEL_MISC_RECLAIMABLE
        available += reclaimable - Math.min(reclaimable / 2, wmarkLow);
        return Math.max(0, available);
    }

    private long pageTablePages() {
        long pages = 0;
        for (MmStruct mm : m.tasks().liveMms()) {
            pages += MmOps.context(mm).pageTable().tablePages();
        }
        return pages;
    }

    /** /proc/vmstat: the gauges computed from state, then the event counters. */
    public Map<String, Long> vmstat() {
        Map<String, Long> v = new LinkedHashMap<>();
        for (VmStatGauge gauge : VmStatGauge.values()) {
            v.put(gauge.vmstatName(), gauge(gauge));
        }
        for (VmEvent event : VmEvent.values()) {
            v.put(event.vmstatName(), m.vmEvents().get(event));
        }
        // the page allocator keeps its own events (pgalloc_*, pgfree, allocstall_*, ...)
        m.pageAllocator().vmEvents().forEach((name, count) -> v.merge(name, count, Long::sum));
        v.putAll(m.mmu().vmstat());
        return v;
    }

    private long gauge(VmStatGauge gauge) {
        Lruvec lru = m.vmscan().lruvec();
        return switch (gauge) {
            case NR_FREE_PAGES -> m.pageAllocator().nrFreePages();
            case NR_ANON_PAGES -> m.pageRefs().nrAnonMapped();
            case NR_FILE_PAGES -> m.pageCache().nrFilePages() + m.swap().cache().nrSwapCached();
            case NR_ZONE_INACTIVE_ANON, NR_INACTIVE_ANON -> lru.size(LruList.INACTIVE_ANON);
            case NR_ZONE_ACTIVE_ANON, NR_ACTIVE_ANON -> lru.size(LruList.ACTIVE_ANON);
            case NR_ZONE_INACTIVE_FILE, NR_INACTIVE_FILE -> lru.size(LruList.INACTIVE_FILE);
            case NR_ZONE_ACTIVE_FILE, NR_ACTIVE_FILE -> lru.size(LruList.ACTIVE_FILE);
            case NR_ZONE_UNEVICTABLE, NR_UNEVICTABLE -> lru.size(LruList.UNEVICTABLE);
            case NR_MLOCK -> lru.nrMlock();
            case NR_SWAPCACHED -> m.swap().cache().nrSwapCached();
            case NR_MAPPED -> m.pageRefs().nrFileMapped();
            case NR_SHMEM -> m.pageCache().nrShmem();
            case NR_DIRTY -> m.pageCache().nrDirty();
            case NR_WRITEBACK -> m.pageCache().nrWriteback() + m.swap().nrWriteback();
            case NR_ZONE_WRITE_PENDING -> m.pageCache().nrDirty() + m.pageCache().nrWriteback() + m.swap().nrWriteback();
            case NR_DIRTY_THRESHOLD -> m.pageCache().nrDirtyThreshold();
            case NR_DIRTY_BACKGROUND_THRESHOLD -> m.pageCache().nrDirtyBackgroundThreshold();
            case NR_ANON_TRANSPARENT_HUGEPAGES -> m.pageRefs().nrAnonThps();
            case NR_PAGE_TABLE_PAGES -> pageTablePages();
            case NR_SLAB_RECLAIMABLE_B -> m.slab().reclaimableBytes() >>> 12; // printed in pages
            case NR_SLAB_UNRECLAIMABLE_B -> m.slab().unreclaimableBytes() >>> 12;
            case NR_KERNEL_STACK -> m.taskMemory().kernelStackKb(); // NR_KERNEL_STACK_KB, in kB
            default -> 0L;
        };
    }

    public String meminfoText() {
        return ProcText.meminfo(meminfo());
    }

    public String vmstatText() {
        return ProcText.vmstat(vmstat());
    }

    /** /proc/slabinfo (slabinfo version 2.1). */
    public String slabinfo() {
        return m.slab().slabinfoText();
    }

    /** /proc/vmallocinfo. */
    public String vmallocinfo() {
        return m.vmalloc().vmallocinfo();
    }

    public String buddyinfo() {
        return m.pageAllocator().buddyinfo();
    }

    public String zoneinfo() {
        StringBuilder out = new StringBuilder();
        for (ZoneType type : ZoneType.values()) {
            ZoneView zone = m.pageAllocator().zone(type);
            for (String part : new String[] {zone.zoneinfoHeader(), zone.zoneinfoWatermarks(), zone.zoneinfoPagesets()}) {
                out.append(part);
                if (!part.endsWith("\n")) {
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    /** /proc/PID/maps. */
    public String maps(Task task) {
        return task.mm() == null ? "" : ProcMaps.render(task.mm());
    }

    /** /proc/PID/status: identity and the Vm* lines of task_mem(). */
    public String status(Task task) {
        return ProcText.status(task.comm(), task.isAlive() ? 'R' : 'X', task.pid(),
                task.parent().map(Task::pid).orElse(0), task.uid(), vmLines(task));
    }

    private static Map<String, Long> vmLines(Task task) {
        Map<String, Long> vm = new LinkedHashMap<>();
        MmStruct mm = task.mm();
        if (mm == null) {
            return vm;
        }
        long anon = mm.counter(MmCounter.MM_ANONPAGES);
        long file = mm.counter(MmCounter.MM_FILEPAGES);
        long shmem = mm.counter(MmCounter.MM_SHMEMPAGES);
        vm.put("VmPeak", kb(Math.max(mm.hiwaterVm(), mm.totalVm())));
        vm.put("VmSize", kb(mm.totalVm()));
        vm.put("VmLck", kb(mm.lockedVm()));
        vm.put("VmPin", 0L);
        vm.put("VmHWM", kb(Math.max(mm.hiwaterRss(), anon + file + shmem)));
        vm.put("VmRSS", kb(anon + file + shmem));
        vm.put("RssAnon", kb(anon));
        vm.put("RssFile", kb(file));
        vm.put("RssShmem", kb(shmem));
        vm.put("VmData", kb(mm.dataVm()));
        vm.put("VmStk", kb(mm.stackVm()));
        vm.put("VmExe", kb(mm.execVm()));
        vm.put("VmLib", 0L);
        vm.put("VmPTE", MmOps.context(mm).pageTable().pgtablesBytes() >>> 10);
        vm.put("VmSwap", kb(mm.counter(MmCounter.MM_SWAPENTS)));
        return vm;
    }

    private static long kb(long pages) {
        return pages << 2;
    }
}
