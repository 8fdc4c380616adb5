package io.mmspec.dsl.ast;

import java.util.Optional;

/** What an expectation claims. Predicates never change state. */
public sealed interface Predicate {

    Span span();

    /** {@code chrome alive}. */
    record Alive(Name process, Span span) implements Predicate {
    }

    /** {@code p exited [with code N]}. */
    record Exited(Name process, Optional<Count> code, Span span) implements Predicate {
    }

    /**
     * {@code p killed [by oom | by SIGSEGV|SIGBUS|SIGKILL|SIGTERM [at R]]}. cause empty: killed
     * by anything.
     */
    record Killed(Name process, Optional<Name> cause, Optional<Region> at, Span span) implements Predicate {
    }

    /** {@code left OP right}: {@code chrome.oom_score > firefox.oom_score}, {@code p.rss >= 4 MB}. */
    record Compare(Metric left, Comparator op, Operand right, Span span) implements Predicate {
    }

    /** {@code p reads "A" at R}: the bytes at R are those of the string (peeked, never faulted in). */
    record ReadsBack(Name process, StringLit data, Region region, Span span) implements Predicate {
    }

    /** {@code file "F" holds "hello" at 8 KB}: wherever the bytes are (page cache or disk). */
    record FileHolds(StringLit path, StringLit data, Size offset, Span span) implements Predicate {
    }

    /** {@code R of P is resident|swapped|unmapped|huge}. */
    record RegionIs(Region region, Name process, RegionState state, Span span) implements Predicate {
    }

    /** The states {@link RegionIs} can claim: every page of the region in that state. */
    enum RegionState { RESIDENT, SWAPPED, UNMAPPED, HUGE }

    /** {@code R of P has N vmas}: the region's range is covered by exactly N VMAs. */
    record RegionVmas(Region region, Name process, Count vmas, Span span) implements Predicate {
    }

    /** {@code dmesg contains "text"}: some kernel log line contains the text. */
    record DmesgContains(StringLit text, Span span) implements Predicate {
    }

    /**
     * {@code event NAME [for P] [count OP N] [window]}: without a count, at least once.
     */
    record Event(Name name, Optional<Name> process, Optional<EventCount> count,
                 Optional<EventWindow> window, Span span) implements Predicate {
    }

    /** {@code count >= 2}. */
    record EventCount(Comparator op, Count value, Span span) {
    }

    /** Where on the timeline an event must happen. */
    sealed interface EventWindow {
        /** {@code before T}: strictly before. */
        record Before(Time time) implements EventWindow {
        }

        /** {@code after T}: strictly after. */
        record After(Time time) implements EventWindow {
        }

        /** {@code between A and B}: both ends included. */
        record Between(Time from, Time to) implements EventWindow {
        }

        /** {@code before event OTHER}: before the first event OTHER (or OTHER never happens). */
        record BeforeEvent(Name other) implements EventWindow {
        }

        /** {@code after event OTHER}: after the first event OTHER. */
        record AfterEvent(Name other) implements EventWindow {
        }
    }

    /** {@code action "label" succeeded} or {@code failed [with ERRNO]}. */
    record ActionOutcome(StringLit label, boolean succeeded, Optional<Name> errno, Span span)
            implements Predicate {
    }
}
