package io.mmspec.runtime.sim;

import java.util.PriorityQueue;

/**
 * The discrete-event queue: callbacks ordered by (time, insertion order), so two events at the
 * same nanosecond always run in the order they were scheduled. Running an event moves the
 * {@link SimClock} to its time. Mirrors the role of the kernel's timer wheel and workqueues
 * (kswapd wake-ups, the flusher's period, the OOM reaper's delay), made deterministic.
 */
public final class EventQueue {
    private final SimClock clock;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long nextSeq;
    private long processed;

    public EventQueue(SimClock clock) {
        this.clock = clock;
    }

    /** Schedules {@code action} at absolute time {@code time} (never before now). */
    public void at(long time, Runnable action) {
        queue.add(new Scheduled(Math.max(time, clock.now()), nextSeq++, action));
    }

    /** Schedules {@code action} {@code delay} nanoseconds from now. */
    public void after(long delay, Runnable action) {
        at(clock.now() + delay, action);
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The time of the next event, or {@code Long.MAX_VALUE} when none is queued. */
    public long nextTime() {
        Scheduled head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.time;
    }

    /** Runs the next event; returns false when the queue is empty. */
    public boolean runNext() {
        Scheduled next = queue.poll();
        if (next == null) {
            return false;
        }
        clock.advanceTo(next.time);
        processed++;
        next.action.run();
        return true;
    }

    /** Runs every event at or before {@code time}, then moves the clock to {@code time}. */
    public void runUntil(long time) {
        while (nextTime() <= time) {
            runNext();
        }
        if (time > clock.now()) {
            clock.advanceTo(time);
        }
    }

    /** How many events have run since boot (reported by the CLI as the simulation's size). */
    public long processed() {
        return processed;
    }

    private record Scheduled(long time, long seq, Runnable action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }
}
