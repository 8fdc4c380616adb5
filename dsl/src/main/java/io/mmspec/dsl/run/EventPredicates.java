package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.Predicate;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.SimClock;
import io.mmspec.runtime.sim.TraceEvent;
import io.mmspec.runtime.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Predicates over the trace: that an event happened (for a process, in a window of time or
 * before another event), and how often. {@code before T} is strict, {@code between A and B}
 * includes both ends.
 */
final class EventPredicates {
    private final Machine machine;

    EventPredicates(Machine machine) {
        this.machine = machine;
    }

    /** The event kinds the expectations ask about: the only ones a run has to record in full. */
    static java.util.Set<EventKind> kindsAskedFor(List<io.mmspec.dsl.ast.Expectation> expectations) {
        java.util.Set<EventKind> kinds = java.util.EnumSet.noneOf(EventKind.class);
        for (io.mmspec.dsl.ast.Expectation expectation : expectations) {
            if (expectation.predicate() instanceof Predicate.Event e) {
                EventKind.byName(e.name().text()).ifPresent(kinds::add);
                e.window().ifPresent(w -> {
                    if (w instanceof Predicate.EventWindow.BeforeEvent be) {
                        EventKind.byName(be.other().text()).ifPresent(kinds::add);
                    } else if (w instanceof Predicate.EventWindow.AfterEvent ae) {
                        EventKind.byName(ae.other().text()).ifPresent(kinds::add);
                    }
                });
            }
        }
        return kinds;
    }

    Verdict evaluate(Predicate.Event e) {
        EventKind kind = EventKind.byName(e.name().text()).orElseThrow();
        int pid = e.process().map(p -> machine.tasks().byName(p.text()).map(Task::pid).orElse(-1)).orElse(0);
        List<TraceEvent> matching = new ArrayList<>();
        for (TraceEvent event : machine.trace().events()) {
            if (event.kind() == kind && (pid == 0 || event.pid() == pid) && inWindow(event, e)) {
                matching.add(event);
            }
        }
        long count = matching.size();
        String actual = count == 0 ? "it never happened" + window(e)
                : "it happened " + count + " time" + (count == 1 ? "" : "s") + window(e)
                + ", first at " + SimClock.seconds(matching.get(0).time()) + " s";
        if (machine.trace().dropped() > 0) {
            actual += " (the trace was full: " + machine.trace().dropped() + " later events were not kept)";
        }
        if (e.count().isPresent()) {
            Predicate.EventCount c = e.count().get();
            return Verdict.of(c.op().holds(Long.compare(count, c.value().value())), actual,
                    "event " + kind.eventName() + " count " + c.op().symbol() + " " + c.value());
        }
        return Verdict.of(count > 0, actual, "event " + kind.eventName() + window(e));
    }

    private boolean inWindow(TraceEvent event, Predicate.Event e) {
        if (e.window().isEmpty()) {
            return true;
        }
        Predicate.EventWindow w = e.window().get();
        long t = event.time();
        if (w instanceof Predicate.EventWindow.Before b) {
            return t < b.time().nanos();
        }
        if (w instanceof Predicate.EventWindow.After a) {
            return t > a.time().nanos();
        }
        if (w instanceof Predicate.EventWindow.Between b) {
            return t >= b.from().nanos() && t <= b.to().nanos();
        }
        String other = w instanceof Predicate.EventWindow.BeforeEvent be ? be.other().text()
                : ((Predicate.EventWindow.AfterEvent) w).other().text();
        long first = firstTime(EventKind.byName(other).orElseThrow());
        return w instanceof Predicate.EventWindow.BeforeEvent ? t < first : first != Long.MAX_VALUE && t > first;
    }

    private long firstTime(EventKind kind) {
        for (TraceEvent event : machine.trace().events()) {
            if (event.kind() == kind) {
                return event.time();
            }
        }
        return Long.MAX_VALUE;
    }

    private static String window(Predicate.Event e) {
        if (e.window().isEmpty()) {
            return "";
        }
        Predicate.EventWindow w = e.window().get();
        if (w instanceof Predicate.EventWindow.Before b) {
            return " before " + b.time();
        }
        if (w instanceof Predicate.EventWindow.After a) {
            return " after " + a.time();
        }
        if (w instanceof Predicate.EventWindow.Between b) {
            return " between " + b.from() + " and " + b.to();
        }
        if (w instanceof Predicate.EventWindow.BeforeEvent be) {
            return " before event " + be.other().text().toLowerCase(Locale.ROOT);
        }
        return " after event " + ((Predicate.EventWindow.AfterEvent) w).other().text();
    }
}
