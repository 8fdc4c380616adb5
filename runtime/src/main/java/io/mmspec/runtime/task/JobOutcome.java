package io.mmspec.runtime.task;

import io.mmspec.runtime.uapi.Errno;

/**
 * How one job of a process ended.
 *
 * @param status  what happened
 * @param errno   the error of a failed system call, or null
 * @param message a person-readable reason for a failure, killing or skip; empty on success
 * @param startNs when the job started (its time, or when the process's previous job ended)
 * @param endNs   when it ended
 */
public record JobOutcome(Status status, Errno errno, String message, long startNs, long endNs) {

    /** The ways a job can end. */
    public enum Status {
        /** Every step completed. */
        SUCCEEDED,
        /** A system call returned an error. */
        FAILED,
        /** The process died during the job (a fatal signal). */
        KILLED,
        /** The process was already dead when the job's time came. */
        SKIPPED
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
