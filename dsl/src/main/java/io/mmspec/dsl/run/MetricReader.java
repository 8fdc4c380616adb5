package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.Metric;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.arch.Tlb;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.filemap.AddressSpace;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.mmap.MmCounter;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.mm.pagealloc.ZoneView;
import io.mmspec.runtime.mm.slub.KmemCache;
import io.mmspec.runtime.mm.slub.SlabInfoRow;
import io.mmspec.runtime.proc.MeminfoField;
import io.mmspec.runtime.task.Task;

/**
 * Reads a metric's current value from the machine: sizes in bytes, counts as they are. Each
 * value comes from the same place /proc would print it from.
 */
public final class MetricReader {
    private final Machine machine;

    public MetricReader(Machine machine) {
        this.machine = machine;
    }

    public long read(Metric metric) {
        if (metric instanceof Metric.OfProcess p) {
            return process(task(p.process().text()), p.field());
        }
        if (metric instanceof Metric.Meminfo m) {
            MeminfoField field = MeminfoField.byLabel(m.field().text()).orElseThrow();
            long value = machine.proc().meminfo().get(field);
            return field.isKilobytes() ? value << 10 : value;
        }
        if (metric instanceof Metric.Vmstat v) {
            Long value = machine.proc().vmstat().get(v.name().text());
            if (value == null) {
                throw new IllegalStateException("no vmstat counter " + v.name().text());
            }
            return value;
        }
        if (metric instanceof Metric.Zone z) {
            return zone(zone(z.zone().value()), z.field().text()) << 12;
        }
        if (metric instanceof Metric.Buddyinfo b) {
            return zone(b.zone().value()).freeBlocks((int) b.order().value());
        }
        if (metric instanceof Metric.Slab s) {
            return slab(s.cache().value(), s.field().text());
        }
        if (metric instanceof Metric.Swap s) {
            long total = machine.swap().totalSwapPages();
            long free = machine.swap().nrSwapPages();
            return switch (s.field().text()) {
                case "total" -> total << 12;
                case "free" -> free << 12;
                default -> (total - free) << 12; // used
            };
        }
        if (metric instanceof Metric.File f) {
            return file(f.path().value(), f.field().text());
        }
        return machineTlb(((Metric.Tlb) metric).field().text());
    }

    private long process(Task task, String field) {
        MmStruct mm = task.mm();
        switch (field) {
            case "faults.minor":
                return task.minFlt();
            case "faults.major":
                return task.majFlt();
            case "oom_score_adj":
                return task.oomScoreAdj();
            case "oom_score":
                // a victim reads as it was scored when chosen; another ended task has no score
                return task.isAlive() ? machine.oomKiller().oomScore(task)
                        : machine.oomKiller().oomScoreAtKill(task).orElse(0);
            case "tlb.hits":
                return machine.mmu().tlb(task.cpu()).hits();
            case "tlb.misses":
                return machine.mmu().tlb(task.cpu()).misses();
            case "tlb.flushes":
                Tlb tlb = machine.mmu().tlb(task.cpu());
                return tlb.onePageFlushes() + tlb.rangeFlushes() + tlb.fullFlushes();
            default:
                break;
        }
        if (mm == null) {
            return 0; // an exited task has no address space left
        }
        return switch (field) {
            case "rss" -> (mm.counter(MmCounter.MM_ANONPAGES) + mm.counter(MmCounter.MM_FILEPAGES)
                    + mm.counter(MmCounter.MM_SHMEMPAGES)) << 12;
            case "rss.anon" -> mm.counter(MmCounter.MM_ANONPAGES) << 12;
            case "rss.file" -> mm.counter(MmCounter.MM_FILEPAGES) << 12;
            case "rss.shmem" -> mm.counter(MmCounter.MM_SHMEMPAGES) << 12;
            case "swap" -> mm.counter(MmCounter.MM_SWAPENTS) << 12;
            case "vmsize" -> mm.totalVm() << 12;
            case "vmpeak" -> Math.max(mm.hiwaterVm(), mm.totalVm()) << 12;
            case "vmhwm" -> Math.max(mm.hiwaterRss(), mm.rss()) << 12;
            case "pagetables" -> MmOps.context(mm).pageTable().pgtablesBytes();
            case "locked" -> mm.lockedVm() << 12;
            case "vmas" -> mm.mapCount();
            default -> throw new IllegalStateException("unknown process metric " + field);
        };
    }

    /** A /proc/slabinfo column of a cache; a merged cache reads as the cache it was merged into. */
    private long slab(String name, String field) {
        KmemCache cache = machine.slab().cache(name).orElseThrow(() ->
                new IllegalStateException("no slab cache \"" + name + "\""));
        SlabInfoRow row = machine.slab().slabinfo().stream().filter(r -> r.name().equals(cache.name()))
                .findFirst().orElseThrow();
        return switch (field) {
            case "active_objs" -> row.activeObjs();
            case "num_objs" -> row.numObjs();
            case "objsize" -> row.objSize();
            case "objperslab" -> row.objPerSlab();
            case "pagesperslab" -> row.pagesPerSlab();
            case "active_slabs" -> row.activeSlabs();
            case "num_slabs" -> row.numSlabs();
            default -> throw new IllegalStateException("unknown slab metric " + field);
        };
    }

    private ZoneView zone(String name) {
        for (ZoneType type : ZoneType.values()) {
            if (type.kernelName().equals(name)) {
                return machine.pageAllocator().zone(type);
            }
        }
        throw new IllegalStateException("no zone \"" + name + "\"; the zones are DMA, DMA32 and Normal");
    }

    /** The /proc/zoneinfo numbers, in pages. */
    private static long zone(ZoneView zone, String field) {
        return switch (field) {
            case "free" -> zone.nrFreePages();
            case "min" -> zone.minWatermark();
            case "low" -> zone.lowWatermark();
            case "high" -> zone.highWatermark();
            case "managed" -> zone.managedPages();
            case "present" -> zone.presentPages();
            case "spanned" -> zone.spannedPages();
            default -> throw new IllegalStateException("unknown zone field " + field);
        };
    }

    private long file(String path, String field) {
        Inode inode = machine.fs().lookup(path).orElseThrow(() -> new IllegalStateException("no file " + path));
        AddressSpace space = machine.pageCache().mapping(inode);
        return switch (field) {
            case "size" -> inode.size();
            case "cached" -> space.nrpages() << 12;
            case "dirty" -> {
                long dirty = 0;
                for (long index : space.cachedIndexes()) {
                    if (machine.pageAllocator().memMap().testFlag(space.lookup(index), PageFlags.PG_dirty)) {
                        dirty++;
                    }
                }
                yield dirty << 12;
            }
            default -> throw new IllegalStateException("unknown file metric " + field);
        };
    }

    private long machineTlb(String field) {
        long total = 0;
        for (int cpu = 0; cpu < machine.mmu().cpus(); cpu++) {
            Tlb tlb = machine.mmu().tlb(cpu);
            total += switch (field) {
                case "hits" -> tlb.hits();
                case "misses" -> tlb.misses();
                case "flushes" -> tlb.onePageFlushes() + tlb.rangeFlushes() + tlb.fullFlushes();
                case "shootdowns" -> machine.mmu().tlbShootdowns(cpu);
                default -> throw new IllegalStateException("unknown tlb metric " + field);
            };
        }
        return total;
    }

    private Task task(String name) {
        return machine.tasks().byName(name).orElseThrow(() -> new IllegalStateException("no process " + name));
    }
}
