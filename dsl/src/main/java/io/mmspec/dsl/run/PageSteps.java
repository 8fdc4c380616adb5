package io.mmspec.dsl.run;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.task.Job;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.task.UserAccess;
import io.mmspec.runtime.uapi.AccessType;
import java.util.function.LongUnaryOperator;

/**
 * A job that makes one user access per step: page {@code i} of {@code count} is at
 * {@code address(i)}. Steps are pages so that time moves inside a long action.
 */
final class PageSteps implements Job {
    private final Machine machine;
    private final Task task;
    private final AccessType type;
    private final long count;
    private final LongUnaryOperator address;
    private final java.util.function.IntSupplier value;
    private long done;

    PageSteps(Machine machine, Task task, AccessType type, long count, LongUnaryOperator address) {
        this(machine, task, type, count, address, () -> -1);
    }

    /** As above, a write storing {@code value} (negative: the byte already there, a touch). */
    PageSteps(Machine machine, Task task, AccessType type, long count, LongUnaryOperator address,
              java.util.function.IntSupplier value) {
        this.value = value;
        this.machine = machine;
        this.task = task;
        this.type = type;
        this.count = count;
        this.address = address;
    }

    /** One access per page of [start, start+length), in order. */
    static PageSteps sequential(Machine machine, Task task, AccessType type, long start, long length) {
        return sequential(machine, task, type, start, length, () -> -1);
    }

    static PageSteps sequential(Machine machine, Task task, AccessType type, long start, long length,
                                java.util.function.IntSupplier value) {
        long first = start & ~0xfffL;
        long pages = length <= 0 ? 0 : ((start + length - 1) >>> 12) - (first >>> 12) + 1;
        return new PageSteps(machine, task, type, pages, i -> i == 0 ? start : first + (i << 12), value);
    }

    @Override
    public boolean step() {
        if (done >= count) {
            return false;
        }
        if (machine.syscalls().access(task, address.applyAsLong(done), type, value.getAsInt()) == UserAccess.BLOCKED) {
            return true; // out of memory while an OOM kill is in progress: retry this page later
        }
        done++;
        return done < count;
    }
}
