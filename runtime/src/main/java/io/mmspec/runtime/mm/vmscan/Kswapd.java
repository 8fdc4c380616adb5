package io.mmspec.runtime.mm.vmscan;

import io.mmspec.runtime.mm.pagealloc.ZoneType;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.EventQueue;
import io.mmspec.runtime.sim.VmEvent;

/**
 * kswapd0, the node's reclaim thread, as a sequence of events in simulated time. Mirrors
 * mm/vmscan.c: kswapd(), kswapd_try_to_sleep(), prepare_kswapd_sleep() and wakeup_kswapd():
 *
 * <pre>
 *   SLEEPING ──wakeup_kswapd (below low; not balanced or boosted; not hopeless)──▶ RUNNING
 *   RUNNING: kswapd_wake, balance_pgdat() one batch per event, each after the last one's cost
 *   then try to sleep: balanced (or hopeless)? ──▶ NAPPING for HZ/10 = 100 ms
 *            not balanced: kswapd_high_wmark_hit_quickly, run again
 *   NAPPING: woken meanwhile: kswapd_low_wmark_hit_quickly, run again
 *            still balanced after the nap: kswapd_sleep, SLEEPING; else high_wmark_hit_quickly
 * </pre>
 *
 * It runs as the kernel (pid 0) on CPU 0; its work is charged to its own time, not to any task.
 * At boot it is asleep (the kernel's first nap is over before any scenario starts).
 */
public final class Kswapd {
    /** HZ/10 with HZ 250: the nap before a full sleep. */
    static final long NAP_NS = 100_000_000L;
    /** The CPU kswapd0's events run on. */
    static final int CPU = 0;

    /** Where kswapd is. */
    public enum State { SLEEPING, RUNNING, NAPPING }

    private final Reclaim r;
    private final EventQueue queue;
    private final BalancePgdat balance;
    private State state = State.SLEEPING;
    private int allocOrder;
    private int reclaimOrder;
    private int highestZoneidx = ZoneType.MAX_NR_ZONES - 1;
    private long napGeneration;
    private long runs;

    Kswapd(Reclaim reclaim, EventQueue queue, BalancePgdat balance) {
        this.r = reclaim;
        this.queue = queue;
        this.balance = balance;
    }

    public State state() {
        return state;
    }

    /** kswapd_failures: runs that reclaimed nothing since the last progress. */
    public int failures() {
        return r.pgdat.kswapdFailures;
    }

    /** balance_pgdat() runs so far. */
    public long runs() {
        return runs;
    }

    /** wakeup_kswapd(). */
    void wakeup(ZoneType zone, int order, ZoneType highest) {
        if (r.allocator.zone(zone).managedPages() == 0) {
            return;
        }
        int curr = r.pgdat.kswapdHighestZoneidx;
        if (curr == ZoneType.MAX_NR_ZONES || curr < highest.ordinal()) {
            r.pgdat.kswapdHighestZoneidx = highest.ordinal();
        }
        r.pgdat.kswapdOrder = Math.max(r.pgdat.kswapdOrder, order);
        if (state == State.RUNNING) {
            return; // !waitqueue_active(): it is not waiting
        }
        if (r.pgdat.hopeless() || r.pgdat.balanced(order, highest.ordinal())
                && !r.pgdat.watermarkBoosted(highest.ordinal())) {
            return;
        }
        if (state == State.NAPPING) {
            napInterrupted();
        }
        state = State.RUNNING; // wake_up_interruptible(): kswapd runs as soon as the waker is done
        napGeneration++;
        queue.after(0, this::afterSleep);
    }

    /** kswapd_highest_zoneidx(). */
    private int requestedZoneidx(int previous) {
        int curr = r.pgdat.kswapdHighestZoneidx;
        return curr == ZoneType.MAX_NR_ZONES ? previous : curr;
    }

    /** The top of kswapd()'s loop, after a balance_pgdat() that ended at the requested order. */
    private void loopTop() {
        allocOrder = r.pgdat.kswapdOrder;
        reclaimOrder = allocOrder;
        highestZoneidx = requestedZoneidx(highestZoneidx);
        trySleep();
    }

    /** kswapd_try_to_sleep(), first half. */
    private void trySleep() {
        if (prepareSleep()) {
            state = State.NAPPING;
            long generation = ++napGeneration;
            queue.after(NAP_NS, () -> napOver(generation));
            return;
        }
        r.events.count(VmEvent.KSWAPD_HIGH_WMARK_HIT_QUICKLY);
        afterSleep();
    }

    /** prepare_kswapd_sleep(). */
    private boolean prepareSleep() {
        if (r.pgdat.hopeless()) {
            return true;
        }
        if (r.pgdat.balanced(reclaimOrder, highestZoneidx)) {
            r.pgdat.writeback = false; // clear_pgdat_congested()
            return true;
        }
        return false;
    }

    private void napOver(long generation) {
        if (state != State.NAPPING || generation != napGeneration) {
            return; // woken during the nap: that wake-up already moved on
        }
        if (prepareSleep()) {
            state = State.SLEEPING;
            r.trace.event(EventKind.KSWAPD_SLEEP, CPU, 0).with("free", r.pgdat.freePages())
                    .with("failures", r.pgdat.kswapdFailures).emit();
            return;
        }
        r.events.count(VmEvent.KSWAPD_HIGH_WMARK_HIT_QUICKLY);
        afterSleep();
    }

    /** schedule_timeout() returned early: the nap was premature. */
    private void napInterrupted() {
        r.pgdat.kswapdHighestZoneidx = requestedZoneidx(highestZoneidx);
        r.pgdat.kswapdOrder = Math.max(r.pgdat.kswapdOrder, reclaimOrder);
        r.events.count(VmEvent.KSWAPD_LOW_WMARK_HIT_QUICKLY);
    }

    /** kswapd() after kswapd_try_to_sleep(): take the request and start balance_pgdat(). */
    private void afterSleep() {
        state = State.RUNNING;
        napGeneration++;
        allocOrder = r.pgdat.kswapdOrder;
        highestZoneidx = requestedZoneidx(highestZoneidx);
        r.pgdat.kswapdOrder = 0;
        r.pgdat.kswapdHighestZoneidx = ZoneType.MAX_NR_ZONES;
        r.trace.event(EventKind.KSWAPD_WAKE, CPU, 0).with("order", allocOrder)
                .with("zone", ZoneType.values()[highestZoneidx].kernelName())
                .with("free", r.pgdat.freePages()).emit();
        runs++;
        balance.start(allocOrder, highestZoneidx);
        queue.after(0, this::runStep);
    }

    /** One event of balance_pgdat(): one batch, then the next one after its cost. */
    private void runStep() {
        long elsewhere = r.meter.take();
        int cpu = r.current.cpu();
        int pid = r.current.pid();
        r.current.set(CPU, 0);
        boolean more = balance.step();
        r.current.set(cpu, pid);
        long cost = r.meter.take();
        r.meter.charge(elsewhere);
        if (more) {
            queue.after(cost, this::runStep);
        } else {
            queue.after(cost, this::balanced);
        }
    }

    /** balance_pgdat() returned. */
    private void balanced() {
        reclaimOrder = balance.order();
        if (reclaimOrder < allocOrder) {
            trySleep();
        } else {
            loopTop();
        }
    }
}
