package io.mmspec.runtime.task;

import io.mmspec.runtime.mm.mmap.MmStruct;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A process (struct task_struct, single-threaded): identity, credentials, oom_score_adj,
 * its address space, its fault counters (min_flt, maj_flt), the signals it received and how
 * it ended. Region names are the scenario's labels for address ranges; they belong to the
 * process as DESIGN.md says: fork copies them, execve replaces them.
 */
public final class Task {
    private final int pid;
    private final String comm;
    private final Task parent;
    private final int uid;
    private final int nice;
    private final int creationIndex;
    private int oomScoreAdj;
    private MmStruct mm;
    private int cpu;
    private TaskState state = TaskState.ALIVE;
    private int exitCode;
    private long minFlt;
    private long majFlt;
    private final List<SignalRecord> signals = new ArrayList<>();
    private final Map<String, Region> regions = new LinkedHashMap<>();

    Task(int pid, String comm, Task parent, int uid, int nice, int oomScoreAdj, int creationIndex,
         MmStruct mm, int cpu) {
        this.pid = pid;
        this.comm = comm;
        this.parent = parent;
        this.uid = uid;
        this.nice = nice;
        this.oomScoreAdj = oomScoreAdj;
        this.creationIndex = creationIndex;
        this.mm = mm;
        this.cpu = cpu;
    }

    public int pid() {
        return pid;
    }

    /** The task's name (comm), at most what the scenario gave it. */
    public String comm() {
        return comm;
    }

    public Optional<Task> parent() {
        return Optional.ofNullable(parent);
    }

    public int uid() {
        return uid;
    }

    public int nice() {
        return nice;
    }

    /** Position in the kernel's task list (creation order): breaks OOM ties. */
    public int creationIndex() {
        return creationIndex;
    }

    public int oomScoreAdj() {
        return oomScoreAdj;
    }

    public void setOomScoreAdj(int adj) {
        if (adj < -1000 || adj > 1000) {
            throw new IllegalArgumentException("oom_score_adj out of range: " + adj);
        }
        this.oomScoreAdj = adj;
    }

    /** The address space, or null once the task has exited and released it. */
    public MmStruct mm() {
        return mm;
    }

    void setMm(MmStruct mm) {
        this.mm = mm;
    }

    /** The CPU the task runs on. */
    public int cpu() {
        return cpu;
    }

    public void setCpu(int cpu) {
        this.cpu = cpu;
    }

    public TaskState state() {
        return state;
    }

    public boolean isAlive() {
        return state == TaskState.ALIVE;
    }

    public int exitCode() {
        return exitCode;
    }

    void markDead(TaskState how, int code) {
        this.state = how;
        this.exitCode = code;
    }

    public long minFlt() {
        return minFlt;
    }

    public long majFlt() {
        return majFlt;
    }

    /** mm_account_fault(): a fault is major if it needed I/O, otherwise minor. */
    public void accountFault(boolean major) {
        if (major) {
            majFlt++;
        } else {
            minFlt++;
        }
    }

    /** Counters start at 0 when a scenario's setup is over (DESIGN.md: setup counts no faults). */
    public void resetFaultCounters() {
        minFlt = 0;
        majFlt = 0;
    }

    public List<SignalRecord> signals() {
        return Collections.unmodifiableList(signals);
    }

    void recordSignal(SignalRecord record) {
        signals.add(record);
    }

    /** The fatal signal that ended the task, if it was killed. */
    public Optional<SignalRecord> fatalSignal() {
        return state == TaskState.KILLED && !signals.isEmpty()
                ? Optional.of(signals.get(signals.size() - 1)) : Optional.empty();
    }

    public Map<String, Region> regions() {
        return Collections.unmodifiableMap(regions);
    }

    public Optional<Region> region(String name) {
        return Optional.ofNullable(regions.get(name));
    }

    public void bindRegion(String name, Region region) {
        regions.put(name, region);
    }

    public void unbindRegion(String name) {
        regions.remove(name);
    }

    void replaceRegions(Map<String, Region> newRegions) {
        regions.clear();
        regions.putAll(newRegions);
    }

    @Override
    public String toString() {
        return comm + "[" + pid + "]";
    }
}
