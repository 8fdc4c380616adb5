package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.compile.CompiledScenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The expectations of a run and when each is decided: {@code at T} once every event at or before
 * T has run; {@code by T} as soon as it holds (failing if T passes first); {@code never} and
 * {@code always} after every event; the others at the end.
 */
final class Expectations {
    private final CompiledScenario scenario;
    private final Predicates predicates;
    private final List<Entry> entries = new ArrayList<>();

    /** One expectation and its verdict so far (null while undecided). */
    private static final class Entry {
        final Expectation expectation;
        ExpectationResult.Status status;
        Verdict verdict;
        String error;

        Entry(Expectation expectation) {
            this.expectation = expectation;
        }

        boolean decided() {
            return status != null;
        }
    }

    Expectations(CompiledScenario scenario, Predicates predicates) {
        this.scenario = scenario;
        this.predicates = predicates;
        for (Expectation e : scenario.expectations()) {
            entries.add(new Entry(e));
        }
    }

    /**
     * The earliest time at which an undecided expectation must be looked at: its {@code at T}
     * or {@code by T}; {@code Long.MIN_VALUE} while a {@code by}, {@code never} or
     * {@code always} watches every event; {@code Long.MAX_VALUE} when only the end remains.
     */
    long nextDeadline() {
        long deadline = Long.MAX_VALUE;
        for (Entry entry : entries) {
            if (entry.decided()) {
                continue;
            }
            Expectation.When when = entry.expectation.when();
            if (when instanceof Expectation.When.At at) {
                deadline = Math.min(deadline, at.time().nanos());
            } else if (!(when instanceof Expectation.When.AtEnd)) {
                return Long.MIN_VALUE;
            }
        }
        return deadline;
    }

    /** Decides every {@code at T} and {@code by T} whose T is before {@code nextEventTime}. */
    void evaluateAtTimesBefore(long nextEventTime) {
        for (Entry entry : entries) {
            if (entry.decided()) {
                continue;
            }
            Expectation.When when = entry.expectation.when();
            if (when instanceof Expectation.When.At at && at.time().nanos() < nextEventTime) {
                decide(entry, evaluate(entry));
            } else if (when instanceof Expectation.When.By by && by.time().nanos() < nextEventTime) {
                Verdict v = evaluate(entry);
                decide(entry, v == null ? null : v.holds() ? v
                        : new Verdict(false, v.actual(), "it did not hold by " + by.time() + ": " + v.message()));
            }
        }
    }

    /** After an event: {@code by} that now holds passes, {@code never} that holds fails, {@code always} that does not fails. */
    void evaluateContinuous(long now) {
        for (Entry entry : entries) {
            if (entry.decided()) {
                continue;
            }
            Expectation.When when = entry.expectation.when();
            if (when instanceof Expectation.When.By by && now <= by.time().nanos()) {
                Verdict v = quietly(entry);
                if (v != null && v.holds()) {
                    decide(entry, v);
                }
            } else if (when instanceof Expectation.When.Never) {
                Verdict v = quietly(entry);
                if (v != null && v.holds()) {
                    decide(entry, new Verdict(false, v.actual(), "it held at "
                            + io.mmspec.runtime.sim.SimClock.seconds(now) + " s: " + v.actual()));
                }
            } else if (when instanceof Expectation.When.Always) {
                Verdict v = quietly(entry);
                if (v != null && !v.holds()) {
                    decide(entry, new Verdict(false, v.actual(), "it did not hold at "
                            + io.mmspec.runtime.sim.SimClock.seconds(now) + " s: " + v.message()));
                }
            }
        }
    }

    /** The end: everything still open is decided now ({@code never} and {@code always} pass). */
    void evaluateAtEnd() {
        for (Entry entry : entries) {
            if (entry.decided()) {
                continue;
            }
            Expectation.When when = entry.expectation.when();
            if (when instanceof Expectation.When.Never || when instanceof Expectation.When.Always) {
                decide(entry, new Verdict(true, "it held throughout", ""));
            } else {
                decide(entry, evaluate(entry));
            }
        }
    }

    private Verdict evaluate(Entry entry) {
        try {
            return predicates.evaluate(entry.expectation.predicate());
        } catch (MechanismUnavailable | IllegalStateException | UnsupportedOperationException
                 | java.util.NoSuchElementException e) {
            entry.error = e.getMessage();
            return null;
        }
    }

    /** Continuous checks: a predicate that cannot be evaluated yet (no such process) does not hold. */
    private Verdict quietly(Entry entry) {
        try {
            return predicates.evaluate(entry.expectation.predicate());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void decide(Entry entry, Verdict verdict) {
        if (verdict == null) {
            entry.status = ExpectationResult.Status.ERROR;
            return;
        }
        entry.verdict = verdict;
        entry.status = verdict.holds() ? ExpectationResult.Status.PASS : ExpectationResult.Status.FAIL;
    }

    /** Every verdict in source order; {@code stopped} explains those the run never reached. */
    List<ExpectationResult> results(String stopped) {
        List<ExpectationResult> out = new ArrayList<>();
        for (Entry entry : entries) {
            Expectation e = entry.expectation;
            int max = (int) e.points().map(c -> c.value()).orElse(1L).longValue();
            String label = e.label().map(l -> l.value()).orElse("");
            String text = scenario.quote(e.span());
            if (!entry.decided()) {
                out.add(new ExpectationResult(e.span().line(), text, label, ExpectationResult.Status.ERROR,
                        0, max, "", stopped == null ? "not evaluated" : stopped));
            } else if (entry.status == ExpectationResult.Status.ERROR) {
                out.add(new ExpectationResult(e.span().line(), text, label, entry.status, 0, max, "",
                        entry.error == null ? "could not be evaluated" : entry.error));
            } else {
                out.add(new ExpectationResult(e.span().line(), text, label, entry.status,
                        entry.status == ExpectationResult.Status.PASS ? max : 0, max,
                        entry.verdict.actual(), entry.verdict.message()));
            }
        }
        return out;
    }
}
