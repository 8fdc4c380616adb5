package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.fs.FileSystem;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.pagealloc.PageAllocConfig;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.CostModel;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.sim.TraceEvent;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.sim.VmEventCounters;
import java.util.List;
import java.util.function.Supplier;

/**
 * A page cache on a real page allocator, clock and event queue, with one disk "ssd" (latency
 * 100 us, 1 GiB/s, 32-page readahead). {@link #step} runs work the way the task executor does:
 * the work happens at the clock's time, charges the meter, and the clock then moves past the
 * charged time, running every event on the way.
 */
public final class CacheRig {
    public static final int PID = 1000;
    public static final int CPU = 0;

    public final SimClock clock = new SimClock();
    public final EventQueue queue = new EventQueue(clock);
    public final CostMeter meter = new CostMeter();
    public final VmEventCounters events = new VmEventCounters();
    public final Trace trace = new Trace(clock, pid -> "task" + pid, Trace.DEFAULT_CAPACITY);
    public final PageAllocator allocator;
    public final PageCache cache;
    public final FileIo fileIo;
    public final FileSystem fs = new FileSystem();
    public final BlockDevice ssd;

    public CacheRig(long ramBytes) {
        this(ramBytes, BlockDevice.withDefaults("ssd"), DirtyConfig.defaults());
    }

    public CacheRig(long ramBytes, BlockDevice disk, DirtyConfig dirty) {
        this.allocator = new PageAllocator(PageAllocConfig.of(ramBytes, 2));
        this.cache = new PageCache(allocator, clock, queue, meter, events, trace, dirty);
        this.fileIo = new FileIo(cache, allocator.memMap(), meter, CostModel.defaults());
        this.ssd = fs.addDevice(disk);
    }

    /** A file of {@code pages} pages whose byte at offset o on disk is (o / 4096 + o) & 0x7f, never 0 at page starts. */
    public Inode file(String path, long pages) {
        Inode inode = fs.create(path, pages * 4096, ssd, null);
        byte[] block = new byte[4096];
        for (long index = 0; index < pages; index++) {
            for (int i = 0; i < 4096; i++) {
                block[i] = expectedByte(index * 4096 + i);
            }
            inode.writeBlock(index, block);
        }
        return inode;
    }

    public static byte expectedByte(long offset) {
        return (byte) (((offset >>> 12) + offset) % 127 + 1);
    }

    /** Runs {@code work} as one step of a task at the current time; returns the ns it cost. */
    public long step(Runnable work) {
        meter.take();
        work.run();
        long cost = meter.take();
        queue.runUntil(clock.now() + cost);
        return cost;
    }

    public <T> T stepGet(Supplier<T> work) {
        Object[] box = new Object[1];
        step(() -> box[0] = work.get());
        @SuppressWarnings("unchecked")
        T value = (T) box[0];
        return value;
    }

    /** read(2) of one 4 KB page at page {@code index} as a step. */
    public byte[] readPage(Inode inode, long index) {
        return stepGet(() -> fileIo.read(inode, index << 12, 4096, PID, CPU));
    }

    /** Moves the clock to {@code time}, running the events before it. */
    public void runUntil(long time) {
        queue.runUntil(time);
    }

    public List<TraceEvent> events(EventKind kind) {
        return trace.events().stream().filter(e -> e.kind() == kind).toList();
    }

    public long vm(VmEvent event) {
        return events.get(event);
    }

    /** The window of a readahead event as "[start,end) async N sync|async pages P". */
    public static String window(TraceEvent e) {
        long start = e.longField("start");
        return "[" + start + "," + (start + e.longField("size")) + ") async " + e.longField("async_size")
                + (Boolean.TRUE.equals(e.field("sync")) ? " sync" : " async") + " pages " + e.longField("pages");
    }
}
