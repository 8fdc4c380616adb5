package io.mmspec.runtime.sim;

/**
 * What is running right now: the kernel's {@code current} and {@code smp_processor_id()}.
 * The scheduler sets it before each step of a task; kernel work (kswapd, the OOM reaper)
 * sets pid 0. Mechanisms read it instead of passing the CPU and pid through every call.
 */
public final class Current {
    private int cpu;
    private int pid;

    public int cpu() {
        return cpu;
    }

    public int pid() {
        return pid;
    }

    /** Switches to task {@code pid} on {@code cpu} (pid 0: the kernel itself). */
    public void set(int cpu, int pid) {
        this.cpu = cpu;
        this.pid = pid;
    }
}
