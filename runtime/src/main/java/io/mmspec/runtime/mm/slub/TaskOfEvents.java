package io.mmspec.runtime.mm.slub;

import java.util.function.IntSupplier;

/**
 * Whose work SLUB's trace events are told as: the task that called into the allocator (fork
 * taking a task_struct is bash's work), or the kernel (pid 0) until the machine says who runs.
 */
final class TaskOfEvents {
    private IntSupplier pid = () -> 0;

    void set(IntSupplier source) {
        this.pid = source;
    }

    int pid() {
        return pid.getAsInt();
    }
}
