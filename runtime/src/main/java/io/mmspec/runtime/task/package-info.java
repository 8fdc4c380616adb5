/**
 * Processes (kernel/fork.c, fs/exec.c, kernel/exit.c, kernel/signal.c): identity, credentials,
 * oom_score_adj, fork, execve, exit, kill and the signals a task received. Tasks are
 * single-threaded; each runs on one CPU at a time. Each task holds its kernel memory
 * ({@link io.mmspec.runtime.task.TaskMemory}): a task_struct, a 16 KB vmalloc'd kernel stack,
 * an mm_struct and a vm_area_struct per VMA. Not modelled: threads, scheduling classes,
 * time-slicing, process groups, the other caches copy_process() allocates from.
 */
package io.mmspec.runtime.task;
