/**
 * Processes (kernel/fork.c, fs/exec.c, kernel/exit.c, kernel/signal.c): identity, credentials,
 * oom_score_adj, fork, execve, exit, kill and the signals a task received. Tasks are
 * single-threaded; each runs on one CPU at a time. Not modelled: threads, scheduling classes,
 * time-slicing, process groups.
 */
package io.mmspec.runtime.task;
