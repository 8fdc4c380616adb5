package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.Amount;
import io.mmspec.dsl.ast.Metric;
import io.mmspec.dsl.ast.Predicate;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.task.SignalRecord;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.task.TaskState;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The one set of predicate implementations: a scenario's {@code expect:} and a feature's
 * {@code Then} both end here. Predicates never change the machine's state: data checks peek at
 * the bytes wherever they are, without faulting anything in.
 */
public final class Predicates {
    private final Machine machine;
    private final MetricReader metrics;
    private final Memory memory;
    private final EventPredicates events;
    private final ActionLog actions;

    public Predicates(Machine machine, ActionLog actions) {
        this.machine = machine;
        this.metrics = new MetricReader(machine);
        this.memory = new Memory(machine);
        this.events = new EventPredicates(machine);
        this.actions = actions;
    }

    public Verdict evaluate(Predicate p) {
        if (p instanceof Predicate.Alive a) {
            Task t = task(a.process().text());
            return Verdict.of(t.isAlive(), describe(t), a.process().text() + " alive");
        }
        if (p instanceof Predicate.Exited e) {
            Task t = task(e.process().text());
            boolean holds = t.state() == TaskState.EXITED
                    && e.code().map(c -> c.value() == t.exitCode()).orElse(true);
            return Verdict.of(holds, describe(t), "exited" + e.code().map(c -> " with code " + c).orElse(""));
        }
        if (p instanceof Predicate.Killed k) {
            return killed(k);
        }
        if (p instanceof Predicate.Compare c) {
            return compare(c);
        }
        if (p instanceof Predicate.ReadsBack r) {
            return memory.readsBack(task(r.process().text()), r.data().bytes(), r.region());
        }
        if (p instanceof Predicate.FileHolds f) {
            return memory.fileHolds(f.path().value(), f.data().bytes(), f.offset().bytes());
        }
        if (p instanceof Predicate.RegionIs r) {
            return memory.regionIs(task(r.process().text()), r.region(), r.state());
        }
        if (p instanceof Predicate.RegionVmas r) {
            return memory.regionVmas(task(r.process().text()), r.region(), r.vmas().value());
        }
        if (p instanceof Predicate.DmesgContains d) {
            boolean holds = machine.log().contains(d.text().value());
            return Verdict.of(holds, holds ? "it does" : machine.log().lines().size() + " lines without it",
                    "the kernel log to contain \"" + d.text().value() + "\"");
        }
        if (p instanceof Predicate.Event e) {
            return events.evaluate(e);
        }
        return actions.evaluate((Predicate.ActionOutcome) p);
    }

    private Verdict killed(Predicate.Killed k) {
        Task t = task(k.process().text());
        Optional<SignalRecord> fatal = t.fatalSignal();
        boolean holds = t.state() == TaskState.KILLED && fatal.isPresent();
        String wanted = "killed" + k.cause().map(c -> " by " + c.text()).orElse("")
                + k.at().map(r -> " at " + r.nameOrNull()).orElse("");
        if (holds && k.cause().isPresent()) {
            String cause = k.cause().get().text();
            holds = cause.equalsIgnoreCase("oom") ? fatal.get().cause().contains("oom")
                    : fatal.get().signal().name().equalsIgnoreCase(cause);
        }
        if (holds && k.at().isPresent()) {
            long[] range = RegionResolver.resolve(t, k.at().get());
            long addr = fatal.get().address();
            holds = addr >= range[0] && addr < range[0] + Math.max(range[1], 1);
        }
        return Verdict.of(holds, describe(t), wanted);
    }

    private Verdict compare(Predicate.Compare c) {
        long left = metrics.read(c.left());
        BigDecimal right;
        String rightText;
        if (c.right() instanceof Amount amount) {
            right = amount.scaled();
            rightText = amount.text();
        } else {
            long value = metrics.read((Metric) c.right());
            right = BigDecimal.valueOf(value);
            rightText = String.valueOf(value);
        }
        boolean holds = c.op().holds(BigDecimal.valueOf(left).compareTo(right));
        boolean size = io.mmspec.dsl.check.MetricCatalog.kindOf(c.left())
                .map(k -> k == io.mmspec.dsl.check.MetricCatalog.Kind.SIZE).orElse(false);
        String actual = size ? Sizes.describe(left) : String.valueOf(left);
        return Verdict.of(holds, "it is " + actual, c.op().symbol() + " " + rightText);
    }

    private Task task(String name) {
        return machine.tasks().byName(name).orElseThrow(() ->
                new IllegalStateException("process '" + name + "' does not exist (yet)"));
    }

    static String describe(Task t) {
        if (t.isAlive()) {
            return t.comm() + " is alive";
        }
        if (t.state() == TaskState.EXITED) {
            return t.comm() + " exited with code " + t.exitCode();
        }
        return t.fatalSignal().map(s -> String.format(Locale.ROOT, "%s was killed by %s at %s s (%s%s)",
                t.comm(), s.signal(), io.mmspec.runtime.sim.SimClock.seconds(s.timeNs()), s.cause(),
                s.address() != 0 ? String.format(", address 0x%x", s.address()) : ""))
                .orElse(t.comm() + " was killed");
    }

    static boolean startsWith(byte[] actual, byte[] expected) {
        return actual.length >= expected.length
                && Arrays.equals(Arrays.copyOf(actual, expected.length), expected);
    }
}
