package io.mmspec.dsl.run;

import io.mmspec.runtime.Machine;
import io.mmspec.runtime.task.Job;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.task.UserAccess;
import io.mmspec.runtime.uapi.AccessType;

/** Stores bytes at an address, one page per step (each byte a store, as a program's loop would). */
final class WriteSteps implements Job {
    private final Machine machine;
    private final Task task;
    private final long address;
    private final byte[] data;
    private int done;

    WriteSteps(Machine machine, Task task, long address, byte[] data) {
        this.machine = machine;
        this.task = task;
        this.address = address;
        this.data = data;
    }

    @Override
    public boolean step() {
        long pageEnd = ((address + done) & ~0xfffL) + 4096;
        while (done < data.length && address + done < pageEnd && task.isAlive()) {
            if (machine.syscalls().access(task, address + done, AccessType.WRITE, data[done] & 0xff)
                    == UserAccess.BLOCKED) {
                return true; // retried when the OOM kill in progress has freed memory
            }
            done++;
        }
        return done < data.length && task.isAlive();
    }
}
