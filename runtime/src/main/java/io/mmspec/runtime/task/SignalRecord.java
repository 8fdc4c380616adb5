package io.mmspec.runtime.task;

import io.mmspec.runtime.uapi.Signal;

/**
 * A signal delivered to a task, with the siginfo a handler would see.
 *
 * @param timeNs  when it was delivered
 * @param signal  which signal
 * @param code    si_code (SEGV_MAPERR, SEGV_ACCERR, BUS_ADRERR, SI_KERNEL)
 * @param address si_addr for a fault, 0 otherwise
 * @param cause   why, in words ("write to read-only mapping", "oom-killer")
 */
public record SignalRecord(long timeNs, Signal signal, int code, long address, String cause) {
}
