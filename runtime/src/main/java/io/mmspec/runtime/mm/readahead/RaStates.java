package io.mmspec.runtime.mm.readahead;

import io.mmspec.runtime.sim.LongLongMap;
import java.util.ArrayList;
import java.util.List;

/**
 * The file_ra_state of every (process, file) pair. The kernel keeps one per open file
 * (struct file); scenarios name files by path and never hold descriptors, so here each process
 * has one state per file, shared by its read() calls and its faults on mappings of that file
 * (a forked child starts its own, where the kernel would share the parent's struct file).
 * Looking a state up allocates nothing.
 */
public final class RaStates {
    private final LongLongMap slots = new LongLongMap();
    private final List<FileRaState> states = new ArrayList<>();

    /** The state of {@code pid} for the file numbered {@code fileId}, created by file_ra_state_init(). */
    public FileRaState get(int pid, int fileId, int bdiRaPages) {
        long key = key(pid, fileId);
        long slot = slots.get(key, -1);
        if (slot >= 0) {
            return states.get((int) slot);
        }
        FileRaState ra = new FileRaState(bdiRaPages);
        slots.put(key, states.size());
        states.add(ra);
        return ra;
    }

    /** The task exited: its files are closed. */
    public void forgetTask(int pid) {
        long[] keys = slots.sortedKeys();
        for (long key : keys) {
            if ((int) (key >>> 32) == pid) {
                states.set((int) slots.remove(key, -1), null);
            }
        }
    }

    /** Open (process, file) pairs. */
    public int size() {
        return slots.size();
    }

    private static long key(int pid, int fileId) {
        return (long) pid << 32 | (fileId & 0xffffffffL);
    }
}
