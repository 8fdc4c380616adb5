package io.mmspec.runtime;

import io.mmspec.runtime.fs.BlockDevice;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.task.JobOutcome;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A machine driven one step at a time, with {@link Machine#checkInvariants()} after every step,
 * so that a test fails at the first step that breaks the model rather than at its end. The
 * helpers are the system calls a test makes most (anonymous and file mmaps, a write or a read
 * per page); anything else goes through {@link #step(Runnable)}.
 */
public final class CheckedMachine {
    public static final long PAGE = 4096;

    private final Machine machine;

    private CheckedMachine(Machine machine) {
        this.machine = machine;
    }

    public static CheckedMachine boot(MachineConfig config) {
        CheckedMachine checked = new CheckedMachine(Machine.boot(config));
        checked.machine.checkInvariants();
        return checked;
    }

    /** A machine of {@code ramMb} MB and {@code cpus} CPUs, ASLR off, other settings as {@code tune} leaves them. */
    public static CheckedMachine boot(long ramMb, int cpus, java.util.function.UnaryOperator<MachineConfig.Builder> tune) {
        return boot(tune.apply(MachineConfig.builder(ramMb << 20, cpus).aslr(false)).build());
    }

    public Machine machine() {
        return machine;
    }

    public Syscalls sys() {
        return machine.syscalls();
    }

    /**
     * Runs {@code action}, lets the simulated time it cost pass (disk I/O completing meanwhile,
     * as between two steps of a process), then every invariant check.
     */
    public void step(Runnable action) {
        action.run();
        passTime();
        machine.checkInvariants();
    }

    /** As {@link #step(Runnable)}; returns what the action returned. */
    public <T> T step(Supplier<T> action) {
        T result = action.get();
        passTime();
        machine.checkInvariants();
        return result;
    }

    private void passTime() {
        long cost = machine.meter().take();
        machine.queue().runUntil(machine.clock().now() + cost);
    }

    /** Runs every queued event (I/O completions, the flusher) until nothing is left to do. */
    public void settle() {
        for (int i = 0; i < 1_000_000 && !machine.queue().isEmpty(); i++) {
            machine.queue().runNext();
        }
        machine.checkInvariants();
    }

    public Task spawn(String name, int pid) {
        return step(() -> sys().spawn(name, pid, null, 0, 0, 0));
    }

    /** A private anonymous mapping; {@code addr} 0 lets the kernel choose, else MAP_FIXED_NOREPLACE. */
    public long mmapAnon(Task task, long addr, long len, int prot) {
        return step(() -> sys().mmap(task, addr, len, prot, MapFlags.PRIVATE, null, 0));
    }

    /** A mapping of {@code path} at file offset 0. */
    public long mmapFile(Task task, long addr, long len, int prot, int flags, String path) {
        Inode file = machine.fs().lookup(path).orElseThrow();
        return step(() -> sys().mmap(task, addr, len, prot, flags, file, 0));
    }

    /** A file of {@code pages} pages on disk "ssd" (created with defaults), page i filled with byte {@code 'a' + i % 26}. */
    public Inode filePages(String path, int pages) {
        BlockDevice disk = machine.fs().device("ssd").orElseGet(() -> machine.fs().addDevice(BlockDevice.withDefaults("ssd")));
        Inode inode = machine.fs().create(path, pages * PAGE, disk, null);
        byte[] block = new byte[(int) PAGE];
        for (int i = 0; i < pages; i++) {
            java.util.Arrays.fill(block, (byte) ('a' + i % 26));
            inode.writeBlock(i, block);
        }
        return inode;
    }

    /** One write per page of [addr, addr+len), storing {@code value}. */
    public void writeEachPage(Task task, long addr, long len, int value) {
        step(() -> {
            for (long a = addr; a < addr + len; a += PAGE) {
                sys().access(task, a, AccessType.WRITE, value);
            }
        });
    }

    /** One read per page of [addr, addr+len). */
    public void readEachPage(Task task, long addr, long len) {
        step(() -> {
            for (long a = addr; a < addr + len; a += PAGE) {
                sys().access(task, a, AccessType.READ, -1);
            }
        });
    }

    /** Stores the bytes of {@code text} from {@code addr} on, one access per byte. */
    public void write(Task task, long addr, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        step(() -> {
            for (int i = 0; i < bytes.length; i++) {
                sys().access(task, addr + i, AccessType.WRITE, bytes[i] & 0xff);
            }
        });
    }

    /** One access; returns the byte, or -1 if it killed the task. */
    public int access(Task task, long addr, AccessType type, int value) {
        return step(() -> sys().access(task, addr, type, value));
    }

    /** mprotect(2). */
    public void mprotect(Task task, long addr, long len, int prot) {
        step(() -> sys().mprotect(task, addr, len, prot));
    }

    /**
     * Runs {@code action} as one job of {@code task} on the simulated clock and returns how
     * long it took: the simulated time its work cost (faults, zeroing, disk I/O).
     */
    public long timed(Task task, Runnable action) {
        long[] duration = {-1};
        machine.executor().submit(task, machine.clock().now(), () -> {
            action.run();
            return false;
        }, (JobOutcome outcome) -> duration[0] = outcome.endNs() - outcome.startNs());
        while (machine.queue().runNext()) {
            // drain
        }
        machine.checkInvariants();
        return duration[0];
    }

    /** Free pages including those parked on per-CPU lists (what exit must give back). */
    public long freePagesWithPcp() {
        return machine.pageAllocator().nrFreePages() + machine.pageAllocator().pcpPages();
    }

    /**
     * Free pages plus the pages the kernel's allocators keep for reuse after their objects are
     * gone: SLUB keeps each CPU's slab and up to min_partial empty slabs per cache, and fork
     * keeps NR_CACHED_STACKS freed kernel stacks per CPU (their vmalloc pages). With every
     * task gone this equals the free pages at boot exactly when nothing leaked.
     */
    public long freePagesOrKernelCached() {
        long slabPages = (machine.slab().reclaimableBytes() + machine.slab().unreclaimableBytes()) >>> 12;
        return freePagesWithPcp() + slabPages + machine.vmalloc().nrPages();
    }

    static int rw() {
        return Prot.READ | Prot.WRITE;
    }
}
