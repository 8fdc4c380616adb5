package io.mmspec.runtime.task;

/**
 * A unit of a process's work that advances in steps: one page touched, one page read, one
 * system call. Steps let the clock move inside a long action, so that an expectation at time
 * T sees the pages an action in progress has already done. Each step charges its cost to the
 * machine's cost meter; the next step starts when that time has passed.
 */
public interface Job {
    /**
     * Does the next step.
     *
     * @return true if more steps follow, false when the job is complete
     * @throws io.mmspec.runtime.uapi.SyscallException when a system call of the job fails;
     *         the job ends as failed with that errno
     */
    boolean step();
}
