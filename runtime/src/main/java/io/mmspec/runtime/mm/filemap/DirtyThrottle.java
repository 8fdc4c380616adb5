package io.mmspec.runtime.mm.filemap;

import io.mmspec.runtime.sim.LongLongMap;

/**
 * Throttling of tasks that dirty pages faster than they can be written. Mirrors
 * mm/page-writeback.c: balance_dirty_pages_ratelimited_flags() and balance_dirty_pages() for
 * the global domain, with the global control line of wb_position_ratio().
 *
 * <pre>
 *   dirty = NR_FILE_DIRTY + NR_WRITEBACK        freerun = (thresh + bg_thresh) / 2
 *   dirty &lt;= freerun ........ no pause; next check after dirty_poll_interval() pages
 *   dirty &gt;  freerun ........ wake the flusher; pause = pages_dirtied / task_ratelimit
 *   dirty &gt;= limit (thresh) . pause MAX_PAUSE (200 ms = HZ/5), check again every 8 pages
 *
 *   pos_ratio = 1 + ((setpoint - dirty) / (limit - setpoint))^3,  setpoint = (freerun + limit) / 2
 *   task_ratelimit = dirty_ratelimit * pos_ratio
 * </pre>
 * A task is checked once it has dirtied nr_dirtied_pause pages (32 at first), or when its CPU
 * has dirtied ratelimit_pages = thresh / (cpus * 32) (at least 16) since the last check.
 *
 * <p>Simplified: dirty_ratelimit stays at its initial INIT_BW (100 MB/s, 25600 pages/s); the
 * kernel re-estimates it from the measured write bandwidth every 200 ms
 * (wb_update_dirty_ratelimit()). The per-device control line of wb_position_ratio(), the
 * min_pause estimate (here one jiffy) and the pause loop (here one pause per check: the task's
 * next page checks again) are left out. HZ is 250.
 */
final class DirtyThrottle {
    static final long JIFFY_NS = 4_000_000L;
    static final long MAX_PAUSE_NS = 50 * JIFFY_NS;
    static final int RATELIMIT_CALC_SHIFT = 10;
    /** INIT_BW in pages per second. */
    static final long INIT_BW = 100L << (20 - 12);
    /** 128 >> (PAGE_SHIFT - 10): the first nr_dirtied_pause of a task. */
    static final long NR_DIRTIED_PAUSE_INIT = 32;
    /** 32 >> (PAGE_SHIFT - 10): the ratelimit while the limit is exceeded. */
    static final long DIRTY_EXCEEDED_RATELIMIT = 8;

    private final Writeback writeback;
    private final DirtyLimits limits;
    private final Flusher flusher;
    private final IoClock io;
    private final int cpus;
    private final LongLongMap nrDirtied = new LongLongMap();
    private final LongLongMap nrDirtiedPause = new LongLongMap();
    private final LongLongMap dirtyPausedWhen = new LongLongMap();
    private final LongLongMap bdpRatelimits = new LongLongMap();
    private boolean dirtyExceeded;

    DirtyThrottle(Writeback writeback, DirtyLimits limits, Flusher flusher, IoClock io, int cpus) {
        this.writeback = writeback;
        this.limits = limits;
        this.flusher = flusher;
        this.io = io;
        this.cpus = cpus;
    }

    /** The task and per-CPU part of folio_account_dirtied(): current-&gt;nr_dirtied, bdp_ratelimits. */
    void accountDirtied(int pid, int cpu) {
        nrDirtied.put(pid, nrDirtied.get(pid, 0) + 1);
        bdpRatelimits.put(cpu, bdpRatelimits.get(cpu, 0) + 1);
    }

    /** balance_dirty_pages_ratelimited(): returns the ns the task was paused. */
    long balanceRatelimited(int pid, int cpu) {
        long ratelimit = nrDirtiedPause.get(pid, NR_DIRTIED_PAUSE_INIT);
        if (dirtyExceeded) {
            ratelimit = Math.min(ratelimit, DIRTY_EXCEEDED_RATELIMIT);
        }
        long dirtied = nrDirtied.get(pid, 0);
        if (dirtied >= ratelimit) {
            bdpRatelimits.put(cpu, 0);
        } else if (bdpRatelimits.get(cpu, 0) >= ratelimitPages()) {
            bdpRatelimits.put(cpu, 0);
            ratelimit = 0;
        }
        return dirtied >= ratelimit ? balance(pid, dirtied) : 0;
    }

    /** ratelimit_pages of writeback_set_ratelimit(). */
    long ratelimitPages() {
        return Math.max(16, limits.dirtyThreshold() / (cpus * 32L));
    }

    /** balance_dirty_pages(): one check, and at most one pause. */
    private long balance(int pid, long pagesDirtied) {
        long now = io.taskNow();
        long avail = limits.dirtyableMemory();
        long thresh = limits.thresh(avail);
        long bg = limits.bgThresh(avail);
        long dirty = writeback.nrFileDirty() + writeback.nrWriteback();
        long freerun = (thresh + bg) / 2;
        if (dirty <= freerun) {
            dirtyPausedWhen.put(pid, now);
            nrDirtied.put(pid, 0);
            nrDirtiedPause.put(pid, dirtyPollInterval(dirty, thresh));
            dirtyExceeded = false;
            return 0;
        }
        flusher.wakeup(now); // wb_start_background_writeback()
        dirtyExceeded = dirty > thresh;
        long taskRatelimit = INIT_BW * posRatio(freerun, dirty, thresh) >> RATELIMIT_CALC_SHIFT;
        long pause = MAX_PAUSE_NS;
        if (taskRatelimit > 0) {
            long period = 1_000_000_000L * pagesDirtied / taskRatelimit;
            long pausedWhen = dirtyPausedWhen.get(pid, -1);
            pause = pausedWhen < 0 ? period : period - (now - pausedWhen);
            if (pause < JIFFY_NS) {
                dirtyPausedWhen.put(pid, pause < -1_000_000_000L ? now : Math.max(pausedWhen, 0) + period);
                nrDirtied.put(pid, 0);
                return 0;
            }
            pause = Math.min(pause, MAX_PAUSE_NS);
        }
        io.sleep(pause);
        dirtyPausedWhen.put(pid, now + pause);
        nrDirtied.put(pid, 0);
        nrDirtiedPause.put(pid, dirtyPollInterval(dirty, thresh));
        return pause;
    }

    /**
     * wb_position_ratio()'s global part, in units of 1/1024: 2.0 far below the setpoint, 1.0
     * at it, 0 at or above the limit.
     */
    static long posRatio(long freerun, long dirty, long limit) {
        if (dirty >= limit) {
            return 0;
        }
        long setpoint = (freerun + limit) / 2;
        long x = ((setpoint - dirty) << RATELIMIT_CALC_SHIFT) / ((limit - setpoint) | 1);
        long pos = x;
        pos = pos * x >> RATELIMIT_CALC_SHIFT;
        pos = pos * x >> RATELIMIT_CALC_SHIFT;
        pos += 1L << RATELIMIT_CALC_SHIFT;
        return Math.max(0, Math.min(pos, 2L << RATELIMIT_CALC_SHIFT));
    }

    /** dirty_poll_interval(): 2^(log2(thresh - dirty) / 2) pages until the next check. */
    static long dirtyPollInterval(long dirty, long thresh) {
        if (thresh > dirty) {
            return 1L << ((63 - Long.numberOfLeadingZeros(thresh - dirty)) >> 1);
        }
        return 1;
    }

    /** The task exited. */
    void forgetTask(int pid) {
        nrDirtied.remove(pid, 0);
        nrDirtiedPause.remove(pid, 0);
        dirtyPausedWhen.remove(pid, 0);
    }

    boolean dirtyExceeded() {
        return dirtyExceeded;
    }
}
