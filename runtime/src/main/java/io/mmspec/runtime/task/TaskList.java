package io.mmspec.runtime.task;

import io.mmspec.runtime.mm.mmap.MmStruct;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every task in creation order (the kernel's init_task.tasks list, which for_each_process()
 * walks and which breaks OOM ties), with lookup by pid and by name. Pids are unique among
 * the tasks ever created here; CPUs are handed out round-robin in creation order.
 */
public final class TaskList {
    private final List<Task> tasks = new ArrayList<>();
    private final int cpus;
    private int nextPid = 300; // above the pids people usually declare; like pid_max's low range
    private TaskKernelMemory kernelMemory = TaskKernelMemory.NONE;

    public TaskList(int cpus) {
        this.cpus = cpus;
    }

    /** Where each new task takes its task_struct, kernel stack and mm objects from. */
    public void setKernelMemory(TaskKernelMemory memory) {
        this.kernelMemory = memory;
    }

    /** copy_process()'s bookkeeping: a new task at the end of the list. */
    public Task create(int pid, String comm, Task parent, int uid, int nice, int oomScoreAdj, MmStruct mm) {
        int actualPid = pid > 0 ? pid : allocPid();
        if (byPid(actualPid).isPresent()) {
            throw new IllegalArgumentException("pid " + actualPid + " is taken");
        }
        Task task = new Task(actualPid, comm, parent, uid, nice, oomScoreAdj, tasks.size(), mm,
                tasks.size() % cpus);
        kernelMemory.allocate(task); // ENOMEM leaves no task behind
        tasks.add(task);
        return task;
    }

    private int allocPid() {
        while (byPid(nextPid).isPresent()) {
            nextPid++;
        }
        return nextPid++;
    }

    public List<Task> all() {
        return Collections.unmodifiableList(tasks);
    }

    public Optional<Task> byPid(int pid) {
        for (Task task : tasks) {
            if (task.pid() == pid) {
                return Optional.of(task);
            }
        }
        return Optional.empty();
    }

    /** The most recently created task with this name (after execve a name can repeat). */
    public Optional<Task> byName(String comm) {
        for (int i = tasks.size() - 1; i >= 0; i--) {
            if (tasks.get(i).comm().equals(comm)) {
                return Optional.of(tasks.get(i));
            }
        }
        return Optional.empty();
    }

    /** Address spaces of the living tasks, for walks over every mm. */
    public List<MmStruct> liveMms() {
        List<MmStruct> mms = new ArrayList<>();
        for (Task task : tasks) {
            if (task.mm() != null) {
                mms.add(task.mm());
            }
        }
        return mms;
    }
}
