package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.Predicate;
import io.mmspec.runtime.task.JobOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each labelled action ended. A label on a statement that runs several actions (a group,
 * or a repetition) succeeded only if every one of them did.
 */
public final class ActionLog {
    /** One action that did not succeed: when it ended, who ran it, what it was, how it ended. */
    public record Failure(long timeNs, String process, String action, JobOutcome outcome) {
        public String describe() {
            return ActionLog.describe(outcome);
        }
    }

    private final Map<String, List<JobOutcome>> byLabel = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    public void record(String label, JobOutcome outcome) {
        byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(outcome);
    }

    /** Records an outcome, remembering the action when it did not succeed (for the trace). */
    public void record(String label, String process, String action, JobOutcome outcome) {
        record(label, outcome);
        if (!outcome.succeeded()) {
            failures.add(new Failure(outcome.endNs(), process, action, outcome));
        }
    }

    /** Every action that failed, was cut short by its process's death, or was skipped. */
    public List<Failure> failures() {
        return java.util.Collections.unmodifiableList(failures);
    }

    Verdict evaluate(Predicate.ActionOutcome p) {
        String label = p.label().value();
        List<JobOutcome> outcomes = byLabel.get(label);
        if (outcomes == null) {
            return Verdict.of(false, "the action has not finished (not started, or still running)",
                    "action \"" + label + "\" to have run");
        }
        JobOutcome failed = outcomes.stream().filter(o -> !o.succeeded()).findFirst().orElse(null);
        String actual = failed == null ? "it succeeded" : describe(failed);
        if (p.succeeded()) {
            return Verdict.of(failed == null, actual, "action \"" + label + "\" to succeed");
        }
        boolean holds = failed != null && p.errno().map(e -> failed.errno() != null
                && failed.errno().name().equals(e.text())).orElse(true);
        return Verdict.of(holds, actual, "action \"" + label + "\" to fail"
                + p.errno().map(e -> " with " + e.text()).orElse(""));
    }

    static String describe(JobOutcome outcome) {
        return switch (outcome.status()) {
            case SUCCEEDED -> "it succeeded";
            case FAILED -> "it failed with " + outcome.errno() + " (" + outcome.message() + ")";
            case KILLED -> "its process was killed during it";
            case SKIPPED -> "it was skipped: " + outcome.message();
        };
    }
}
