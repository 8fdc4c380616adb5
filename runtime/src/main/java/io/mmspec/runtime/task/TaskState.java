package io.mmspec.runtime.task;

/** The life of a task as a scenario observes it (TASK_RUNNING, then EXIT_ZOMBIE/EXIT_DEAD). */
public enum TaskState {
    /** Alive: may run jobs. */
    ALIVE,
    /** Ended by exit(2). */
    EXITED,
    /** Ended by a fatal signal (SIGKILL from the OOM killer or kill(2), SIGSEGV, SIGBUS). */
    KILLED
}
