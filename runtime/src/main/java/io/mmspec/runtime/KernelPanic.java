package io.mmspec.runtime;

/**
 * The simulated kernel panicked (panic()): the machine cannot go on, so the run stops with the
 * kernel's words ("System is deadlocked on memory").
 */
public final class KernelPanic extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelPanic(String message) {
        super("Kernel panic - not syncing: " + message);
    }
}
