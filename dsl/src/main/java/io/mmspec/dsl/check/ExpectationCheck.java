package io.mmspec.dsl.check;

import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.Predicate;
import io.mmspec.dsl.ast.Region;
import io.mmspec.dsl.ast.StringLit;
import io.mmspec.dsl.ast.Time;
import io.mmspec.dsl.diag.Suggestions;
import io.mmspec.runtime.sim.EventKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks expectations against everything the scenario ever has: a process, region or file
 * named in an expectation must exist at some point of the run.
 */
final class ExpectationCheck {

    private final Findings findings;
    private final World world;
    private final Set<String> actionLabels;
    private final MetricCheck metrics;
    private final References refs;

    ExpectationCheck(Findings findings, World world, Set<String> actionLabels, References refs) {
        this.findings = findings;
        this.world = world;
        this.actionLabels = actionLabels;
        this.refs = refs;
        this.metrics = new MetricCheck(findings, this::process, world);
    }

    void check(List<Expectation> expectations) {
        Map<String, StringLit> labels = new LinkedHashMap<>();
        for (Expectation expectation : expectations) {
            when(expectation.when());
            expectation.points().ifPresent(points -> findings.atLeastOne(points, "points"));
            expectation.label().ifPresent(label -> {
                StringLit first = labels.putIfAbsent(label.value(), label);
                if (first != null) {
                    findings.error(label.span(), "the expectation label " + label.source() + " is already used on line "
                            + first.span().line());
                }
            });
            predicate(expectation.predicate());
        }
    }

    private void when(Expectation.When when) {
        if (when instanceof Expectation.When.At at) {
            notNegative(at.time());
        } else if (when instanceof Expectation.When.By by) {
            notNegative(by.time());
        }
    }

    private void notNegative(Time time) {
        if (time.nanos() < 0) {
            findings.error(time.span(), "an expectation at a negative time ('" + time.text() + "') can never be checked");
        }
    }

    /** True when the process exists at some point of the run. */
    boolean process(Name name) {
        if (world.everProcesses().contains(name.text())) {
            return true;
        }
        findings.unknown("process", name, world.everProcesses());
        return false;
    }

    private void region(Name process, Region region) {
        Name name = region.nameOrNull();
        if (name != null && !world.regionEverBound(process.text(), name.text())) {
            findings.error(name.span(), "unknown region '" + name.text() + "' of " + process.text()
                    + Suggestions.hint(name.text(), world.everRegions(process.text())));
        }
        refs.offsets(region);
    }

    private void file(StringLit path) {
        if (!world.everFiles().contains(path.value())) {
            findings.error(path.span(), "unknown file \"" + path.value() + "\""
                    + Suggestions.closest(path.value(), world.everFiles()).map(s -> "; did you mean \"" + s + "\"?")
                    .orElse(""));
        }
    }

    private void predicate(Predicate predicate) {
        if (predicate instanceof Predicate.Alive alive) {
            process(alive.process());
        } else if (predicate instanceof Predicate.Exited exited) {
            process(exited.process());
            exited.code().ifPresent(code -> findings.range(code, "an exit code", 0, 255));
        } else if (predicate instanceof Predicate.Killed killed) {
            killed(killed);
        } else if (predicate instanceof Predicate.Compare compare) {
            metrics.compare(compare);
        } else if (predicate instanceof Predicate.ReadsBack reads) {
            if (process(reads.process())) {
                region(reads.process(), reads.region());
            }
            if (reads.data().value().isEmpty()) {
                findings.error(reads.data().span(), "nothing to compare: the string is empty");
            }
        } else if (predicate instanceof Predicate.FileHolds holds) {
            file(holds.path());
            refs.fileOffset(holds.path(), holds.offset());
        } else if (predicate instanceof Predicate.RegionIs is) {
            if (process(is.process())) {
                region(is.process(), is.region());
            }
        } else if (predicate instanceof Predicate.RegionVmas vmas) {
            if (process(vmas.process())) {
                region(vmas.process(), vmas.region());
            }
            findings.range(vmas.vmas(), "a number of VMAs", 0, Integer.MAX_VALUE);
        } else if (predicate instanceof Predicate.Event event) {
            event(event);
        } else if (predicate instanceof Predicate.ActionOutcome outcome) {
            outcome(outcome);
        }
    }

    private void killed(Predicate.Killed killed) {
        boolean exists = process(killed.process());
        killed.cause().ifPresent(cause -> findings.oneOf("cause of death", cause, Vocabulary.KILL_CAUSES));
        killed.at().ifPresent(at -> {
            boolean faultSignal = killed.cause().map(c -> Vocabulary.FAULT_SIGNALS.contains(c.text())).orElse(false);
            if (!faultSignal) {
                findings.error(at.span(), "only a fault (killed by SIGSEGV or SIGBUS) happens at a region");
            } else if (exists) {
                region(killed.process(), at);
            }
        });
    }

    private void event(Predicate.Event event) {
        eventName(event.name());
        event.process().ifPresent(this::process);
        event.count().ifPresent(count -> findings.range(count.value(), "an event count", 0, Long.MAX_VALUE));
        event.window().ifPresent(window -> {
            if (window instanceof Predicate.EventWindow.Before before) {
                notNegative(before.time());
            } else if (window instanceof Predicate.EventWindow.After after) {
                notNegative(after.time());
            } else if (window instanceof Predicate.EventWindow.Between between) {
                notNegative(between.from());
                if (between.to().nanos() < between.from().nanos()) {
                    findings.error(between.to().span(), "time goes backwards: between " + between.from().text()
                            + " and " + between.to().text());
                }
            } else if (window instanceof Predicate.EventWindow.BeforeEvent before) {
                eventName(before.other());
            } else if (window instanceof Predicate.EventWindow.AfterEvent after) {
                eventName(after.other());
            }
        });
    }

    private void eventName(Name name) {
        if (EventKind.byName(name.text()).isEmpty()) {
            findings.unknown("event", name, EventKind.names());
        }
    }

    private void outcome(Predicate.ActionOutcome outcome) {
        if (!actionLabels.contains(outcome.label().value())) {
            findings.error(outcome.label().span(), "no action is labelled " + outcome.label().source()
                    + Suggestions.closest(outcome.label().value(), actionLabels)
                    .map(s -> "; did you mean \"" + s + "\"?").orElse(""));
        }
        outcome.errno().ifPresent(errno -> findings.oneOf("errno", errno, Vocabulary.ERRNOS));
    }
}
