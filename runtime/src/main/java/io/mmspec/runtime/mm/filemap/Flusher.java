package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.sim.EventQueue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The flusher (the writeback worker of a bdi_writeback). Mirrors fs/fs-writeback.c:
 * wb_workfn() → wb_do_writeback() with wb_check_old_data_flush() (kupdate: every
 * dirty_writeback_centisecs, write the inodes dirtied more than dirty_expire_centisecs ago)
 * and wb_check_background_flush() (above the background threshold, write the oldest inodes
 * until below it); wb_wakeup_delayed() and wb_wakeup().
 *
 * <pre>
 *   t=1 s   first page dirtied -&gt; flusher queued for t=6 s   (queue_delayed_work: 5 s)
 *   t=6 s   kupdate: nothing older than 30 s; still dirty -&gt; queued for t=11 s
 *   ...
 *   t=31 s  kupdate: the inode dirtied at 1 s has expired -&gt; written (WB_SYNC_NONE)
 *           nothing dirty left -&gt; the flusher sleeps until something is dirtied again
 * </pre>
 * It runs only while there is dirty data, so an idle machine has no periodic events.
 * Simplified: one flusher for all disks (the kernel has one per device), and a whole inode is
 * written at a time (the kernel writes MAX_WRITEBACK_PAGES chunks and re-checks in between).
 */
final class Flusher {
    private final EventQueue queue;
    private final IoClock io;
    private final Mappings mappings;
    private final Writeback writeback;
    private final DirtyLimits limits;
    private final DirtyConfig config;
    private long pendingAt = -1;
    private long generation;
    private long lastOldFlush;

    Flusher(EventQueue queue, IoClock io, Mappings mappings, Writeback writeback, DirtyLimits limits,
            DirtyConfig config) {
        this.queue = queue;
        this.io = io;
        this.mappings = mappings;
        this.writeback = writeback;
        this.limits = limits;
        this.config = config;
    }

    /** wb_wakeup_delayed() as a clean inode gets its first dirty page at {@code now}. */
    void inodeDirtied(long now) {
        if (config.writebackIntervalNs() > 0 && pendingAt < 0) {
            schedule(now + config.writebackIntervalNs());
        }
    }

    /** wb_wakeup() from balance_dirty_pages(): run as soon as possible (mod_delayed_work(0)). */
    void wakeup(long now) {
        if (pendingAt < 0 || pendingAt > now) {
            schedule(now);
        }
    }

    /** When the flusher will run next, or -1 if it sleeps. */
    long pendingAt() {
        return pendingAt;
    }

    private void schedule(long at) {
        pendingAt = at;
        long mine = ++generation;
        queue.at(at, () -> {
            if (mine == generation) {
                workfn();
            }
        });
    }

    /** wb_workfn(): one round of writeback, then sleep or come back in an interval. */
    private void workfn() {
        pendingAt = -1;
        long now = io.kernelNow();
        checkOldDataFlush(now);
        checkBackgroundFlush(now);
        if (writeback.nrFileDirty() > 0 && config.writebackIntervalNs() > 0) {
            schedule(now + config.writebackIntervalNs());
        }
    }

    /** wb_check_old_data_flush(): kupdate-style writeback of expired inodes. */
    private void checkOldDataFlush(long now) {
        long interval = config.writebackIntervalNs();
        if (interval == 0 || now < lastOldFlush + interval) {
            return;
        }
        lastOldFlush = now;
        long dirtiedBefore = now - config.expireIntervalNs();
        for (AddressSpace space : dirtyOldestFirst()) {
            if (space.dirtiedWhen > dirtiedBefore) {
                break;
            }
            writeback.writeRange(space, 0, Long.MAX_VALUE, false, "periodic", now, 0, -1);
        }
    }

    /** wb_check_background_flush(): write the oldest inodes while over the background threshold. */
    private void checkBackgroundFlush(long now) {
        for (AddressSpace space : dirtyOldestFirst()) {
            if (!overBackgroundThresh()) {
                return;
            }
            writeback.writeRange(space, 0, Long.MAX_VALUE, false, "background", now, 0, -1);
        }
    }

    /** wb_over_bg_thresh(): NR_FILE_DIRTY above the background threshold. */
    boolean overBackgroundThresh() {
        return writeback.nrFileDirty() > limits.backgroundThreshold();
    }

    /** The dirty inodes in the order of wb-&gt;b_dirty: by dirtied_when, then first seen. */
    private List<AddressSpace> dirtyOldestFirst() {
        List<AddressSpace> dirty = new ArrayList<>();
        for (AddressSpace space : mappings.all()) {
            if (space.nrDirty > 0) {
                dirty.add(space);
            }
        }
        dirty.sort(Comparator.comparingLong(AddressSpace::dirtiedWhen).thenComparingInt(AddressSpace::id));
        return dirty;
    }

    /** Dirty data is never forgotten: while any page is dirty, the flusher is due. */
    void check() {
        if (writeback.nrFileDirty() > 0 && config.writebackIntervalNs() > 0 && pendingAt < 0) {
            throw new IllegalStateException(writeback.nrFileDirty() + " dirty pages but the flusher is not scheduled");
        }
    }
}
