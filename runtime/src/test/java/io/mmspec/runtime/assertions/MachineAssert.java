package io.mmspec.runtime.assertions;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.proc.MeminfoField;
import io.mmspec.runtime.sim.KernelLog;
import io.mmspec.runtime.task.Task;
import java.util.Map;
import java.util.StringJoiner;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a whole machine: its /proc views (vmstat, meminfo, buddyinfo), its kernel
 * log, its invariants, and a way into each process ({@link #process(String)}).
 */
public final class MachineAssert extends AbstractAssert<MachineAssert, Machine> {

    MachineAssert(Machine actual) {
        super(actual, MachineAssert.class);
    }

    /** The most recently created process named {@code name} (after execve a name can repeat). */
    public ProcessAssert process(String name) {
        isNotNull();
        Task task = actual.tasks().byName(name).orElse(null);
        if (task == null) {
            StringJoiner names = new StringJoiner(", ");
            actual.tasks().all().forEach(t -> names.add(t.comm()));
            failWithMessage("expected a process named %s but the processes are [%s]", name, names);
        }
        return new ProcessAssert(actual, task);
    }

    /** One process by its task. */
    public ProcessAssert process(Task task) {
        isNotNull();
        return new ProcessAssert(actual, task);
    }

    /** A /proc/vmstat line: {@code hasVmstat("pgfault", 2560)}. */
    public MachineAssert hasVmstat(String name, long value) {
        isNotNull();
        Map<String, Long> vmstat = actual.proc().vmstat();
        Long observed = vmstat.get(name);
        if (observed == null) {
            failWithMessage("expected vmstat %s to be %d but /proc/vmstat has no %s", name, value, name);
        } else if (observed != value) {
            failWithMessage("expected vmstat %s to be %d but was %d", name, value, observed);
        }
        return this;
    }

    /** A /proc/meminfo line by its label, in kB (a count for HugePages_*): {@code hasMeminfo("AnonHugePages", 10240)}. */
    public MachineAssert hasMeminfo(String label, long kB) {
        isNotNull();
        MeminfoField field = MeminfoField.byLabel(label).orElse(null);
        if (field == null) {
            failWithMessage("expected meminfo %s to be %d kB but /proc/meminfo has no %s", label, kB, label);
            return this;
        }
        long observed = actual.proc().meminfo().get(field);
        String unit = field.isKilobytes() ? " kB" : "";
        if (observed != kB) {
            failWithMessage("expected meminfo %s to be %d%s but was %d%s", label, kB, unit, observed, unit);
        }
        return this;
    }

    /** /proc/buddyinfo. */
    public BuddyinfoAssert buddyinfo() {
        isNotNull();
        return new BuddyinfoAssert(actual);
    }

    /** Some line of the kernel log (dmesg) contains {@code text}. */
    public MachineAssert hasKernelLogContaining(String text) {
        isNotNull();
        if (!actual.log().contains(text)) {
            StringBuilder lines = new StringBuilder();
            for (KernelLog.Line line : actual.log().lines()) {
                lines.append("\n  ").append(line.formatted());
            }
            failWithMessage("expected the kernel log to contain %s but it holds:%s", text,
                    lines.length() == 0 ? " nothing" : lines);
        }
        return this;
    }

    /** Machine.checkInvariants() passes; its message is the failure's. */
    public MachineAssert satisfiesInvariants() {
        isNotNull();
        try {
            actual.checkInvariants();
        } catch (IllegalStateException e) {
            failWithMessage("expected the machine to satisfy its invariants but: %s", e.getMessage());
        }
        return this;
    }
}
