package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.FileAccess;
import io.mmspec.dsl.ast.ProcessAction;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.task.Job;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.SplittableRandom;

/**
 * read(2) and write(2) of a file, one page-sized system call per step: a whole or sequential
 * read walks the file from the start, a random one reads N random pages, a range reads it.
 */
final class FileSteps implements Job {
    private final Machine machine;
    private final Task task;
    private final String path;
    private final long[] offsets;
    private final int chunk;
    private long end = Long.MAX_VALUE;
    private int done;

    private FileSteps(Machine machine, Task task, String path, long[] offsets, int chunk) {
        this.machine = machine;
        this.task = task;
        this.path = path;
        this.offsets = offsets;
        this.chunk = chunk;
    }

    /** The buffer a program like cat(1) reads a file with: 128 KB per read(2). */
    static final int READ_BUFFER = 128 << 10;

    /**
     * {@code reads file F} and {@code reads file F SIZE at OFF} read the range with read(2)
     * calls of up to 128 KB each, as cat(1) does, so readahead sees the full request size;
     * {@code sequentially} and {@code randomly} are one page-sized read(2) per step.
     */
    static FileSteps read(Machine machine, Task task, String path, FileAccess access, SplittableRandom random) {
        Inode inode = inode(machine, path);
        if (access instanceof FileAccess.Whole) {
            return chunks(machine, task, path, 0, inode.size());
        }
        if (access instanceof FileAccess.Range range) {
            return chunks(machine, task, path, range.offset().map(o -> o.bytes()).orElse(0L), range.length().bytes());
        }
        return new FileSteps(machine, task, path, offsets(inode, access, random), 4096);
    }

    private static FileSteps chunks(Machine machine, Task task, String path, long start, long length) {
        int count = (int) Math.max(1, (length + READ_BUFFER - 1) / READ_BUFFER);
        long[] offsets = new long[count];
        for (int i = 0; i < count; i++) {
            offsets[i] = start + (long) i * READ_BUFFER;
        }
        FileSteps steps = new FileSteps(machine, task, path, offsets, (int) Math.min(READ_BUFFER, Math.max(length, 0)));
        steps.end = start + length; // the last call reads only what is left of the range
        return steps;
    }

    private static Inode inode(Machine machine, String path) {
        return machine.fs().lookup(path).orElseThrow(() -> new SyscallException(Errno.ENOENT, path + ": no such file"));
    }

    private static long[] offsets(Inode inode, FileAccess access, SplittableRandom random) {
        long pages = inode.pages();
        if (access instanceof FileAccess.Random r) {
            long[] out = new long[(int) r.times().value()];
            for (int i = 0; i < out.length; i++) {
                out[i] = pages == 0 ? 0 : random.nextLong(pages) << 12;
            }
            return out;
        }
        long start = 0;
        long length = inode.size();
        if (access instanceof FileAccess.Range range) {
            start = range.offset().map(o -> o.bytes()).orElse(0L);
            length = range.length().bytes();
        }
        long first = start & ~0xfffL;
        int count = (int) Math.max(0, (start + length + 4095 - first) >>> 12);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = first + ((long) i << 12);
        }
        return out;
    }

    /** write(2): the given bytes at the offset, or SIZE bytes of a seeded pattern, a page per step. */
    static Job write(Machine machine, Task task, ProcessAction.FileWrite w, SplittableRandom random) {
        long offset = w.offset().map(o -> o.bytes()).orElse(0L);
        byte[] data;
        if (w.data().isPresent()) {
            data = w.data().get().bytes();
        } else {
            data = new byte[(int) w.size().get().bytes()];
            random.nextBytes(data);
        }
        String path = w.path().value();
        int[] done = {0};
        return () -> {
            int n = Math.min(4096 - (int) ((offset + done[0]) & 0xfff), data.length - done[0]);
            byte[] piece = java.util.Arrays.copyOfRange(data, done[0], done[0] + n);
            machine.syscalls().write(task, path, offset + done[0], piece);
            done[0] += n;
            return done[0] < data.length;
        };
    }

    @Override
    public boolean step() {
        if (done >= offsets.length) {
            return false;
        }
        machine.syscalls().read(task, path, offsets[done], (int) Math.min(chunk, end - offsets[done]));
        done++;
        return done < offsets.length;
    }
}
