package io.mmspec.runtime;

import io.mmspec.runtime.mm.memory.ThpMode;
import static io.mmspec.runtime.CheckedMachine.PAGE;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.task.Task;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.Madvise;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import io.mmspec.runtime.uapi.SyscallException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random workloads over a few processes: mmap (anonymous, file, shared, fixed or not),
 * munmap, mprotect, mremap, madvise(DONTNEED), writes, reads, fork, exit, migration, in a small
 * window of addresses so that mappings overlap, merge and split. The invariants are checked
 * after every step; at the end every process exits, the page cache is written back and
 * dropped, and every page must be free again. A failure names the seed, the step and the last
 * actions, so it can be replayed.
 */
class RandomWorkloadTest {
    private static final long BASE = 0x7f0000000000L;
    private static final int WINDOW_PAGES = 1024;
    private static final int STEPS = 400;
    private static final int MAX_TASKS = 4;
    private static final String[] FILES = {"/data/a", "/data/b"};

    private final Deque<String> recent = new ArrayDeque<>();
    private CheckedMachine m;
    private SplittableRandom random;
    private final List<Task> alive = new ArrayList<>();
    private int nextPid = 100;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void everyStepKeepsTheInvariantsAndEveryPageComesBack(long seed) {
        random = new SplittableRandom(seed);
        m = CheckedMachine.boot(64, 2, b -> b.thp(ThpMode.NEVER).seed(seed));
        long atBoot = m.freePagesWithPcp();
        m.filePages(FILES[0], 40);
        m.filePages(FILES[1], 8);
        for (int step = 0; step < STEPS; step++) {
            if (alive.isEmpty()) {
                alive.add(m.spawn("p" + nextPid, nextPid++));
            }
            runLogged(seed, step, this::oneRandomAction);
        }
        runLogged(seed, STEPS, () -> {
            for (Task task : alive) {
                m.step(() -> m.sys().exit(task, 0));
            }
            m.step(() -> m.machine().kernel().sync());
            m.settle(); // readahead still in flight completes
            m.step(() -> m.machine().kernel().dropCaches(1));
            return "exit all, sync, drop caches";
        });
        assertThat(m.machine().pageCache().nrFilePages()).isZero();
        assertThat(m.freePagesOrKernelCached()).as("free pages after everything exited (seed %d)", seed)
                .isEqualTo(atBoot);
    }

    private void runLogged(long seed, int step, java.util.function.Supplier<String> action) {
        try {
            String what = action.get();
            recent.addLast(step + ": " + what);
            if (recent.size() > 12) {
                recent.removeFirst();
            }
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("seed " + seed + " step " + step + " failed after:\n  "
                    + String.join("\n  ", recent) + "\n" + e, e);
        }
    }

    private String oneRandomAction() {
        Task task = alive.get(random.nextInt(alive.size()));
        int kind = random.nextInt(100);
        String what;
        try {
            if (kind < 15) {
                what = mmapAnon(task);
            } else if (kind < 22) {
                what = mmapFile(task);
            } else if (kind < 30) {
                what = onSomeVma(task, "munmap", (start, len) -> m.sys().munmap(task, start, len));
            } else if (kind < 40) {
                int prot = randomProt();
                what = onSomeVma(task, "mprotect " + Prot.toMapsString(prot, false), (start, len) -> m.sys().mprotect(task, start, len, prot));
            } else if (kind < 43) {
                what = onSomeVma(task, "mremap", (start, len) -> m.sys().mremap(task, start, len, len + PAGE * (1 + random.nextInt(8))));
            } else if (kind < 46) {
                what = onSomeVma(task, "madvise dontneed", (start, len) -> m.sys().madvise(task, start, len, Madvise.DONTNEED));
            } else if (kind < 70) {
                what = accessSomePages(task, AccessType.WRITE);
            } else if (kind < 85) {
                what = accessSomePages(task, AccessType.READ);
            } else if (kind < 91) {
                what = fork(task);
            } else if (kind < 98) {
                what = onSomeVma(task, "migrate", (start, len) -> m.machine().kernel().migrate(task, start, len));
            } else {
                m.sys().exit(task, 0);
                what = task + " exits";
            }
        } catch (SyscallException e) {
            what = task + ": " + e.getMessage(); // a refused call changes nothing
        }
        alive.removeIf(t -> !t.isAlive());
        m.machine().checkInvariants();
        return what;
    }

    private String mmapAnon(Task task) {
        long len = PAGE * (1 + random.nextInt(32));
        long addr = random.nextBoolean() ? 0 : BASE + PAGE * random.nextInt(WINDOW_PAGES);
        int prot = randomProt();
        int flags = MapFlags.PRIVATE; // shared anonymous memory is never freed yet (SharedAnonymousTest)
        long at = m.sys().mmap(task, addr, len, prot, flags, null, 0);
        return String.format("%s mmap anon %s 0x%x +%d pages", task, Prot.toMapsString(prot, flags == MapFlags.SHARED), at, len / PAGE);
    }

    private String mmapFile(Task task) {
        Inode file = m.machine().fs().lookup(FILES[random.nextInt(FILES.length)]).orElseThrow();
        long len = PAGE * (1 + random.nextInt(48)); // may reach past the end of the file: SIGBUS there
        long addr = BASE + PAGE * random.nextInt(WINDOW_PAGES);
        int prot = randomProt();
        int flags = random.nextBoolean() ? MapFlags.SHARED : MapFlags.PRIVATE;
        long at = m.sys().mmap(task, addr, len, prot, flags, file, 0);
        return String.format("%s mmap %s %s 0x%x +%d pages", task, file.path(), Prot.toMapsString(prot, flags == MapFlags.SHARED), at, len / PAGE);
    }

    private int randomProt() {
        int[] prots = {Prot.READ | Prot.WRITE, Prot.READ | Prot.WRITE, Prot.READ | Prot.WRITE, Prot.READ, Prot.NONE, Prot.READ | Prot.EXEC};
        return prots[random.nextInt(prots.length)];
    }

    private interface RangeAction {
        void run(long start, long len);
    }

    /** A random page-aligned range inside (or just across the end of) one of the task's VMAs. */
    private String onSomeVma(Task task, String name, RangeAction action) {
        List<Vma> vmas = new ArrayList<>(task.mm().vmas());
        if (vmas.isEmpty()) {
            return task + " " + name + ": no VMA";
        }
        Vma vma = vmas.get(random.nextInt(vmas.size()));
        long first = random.nextLong(vma.pages());
        long pages = 1 + random.nextLong(vma.pages() - first + 1);
        long start = vma.start() + first * PAGE;
        action.run(start, pages * PAGE);
        return String.format("%s %s 0x%x +%d pages", task, name, start, pages);
    }

    /**
     * Up to 8 consecutive pages of one VMA, read or written. Nine times in ten the VMA is one
     * that allows the access, so that processes live long enough to build up memory; the
     * tenth may be any, and a forbidden access kills the process (SIGSEGV, or SIGBUS past a
     * file's end).
     */
    private String accessSomePages(Task task, AccessType type) {
        List<Vma> vmas = new ArrayList<>(task.mm().vmas());
        if (random.nextInt(10) != 0) {
            int needed = type == AccessType.WRITE ? Prot.WRITE : Prot.READ;
            vmas.removeIf(v -> (v.prot() & needed) == 0);
        }
        if (vmas.isEmpty()) {
            return task + " " + type + ": no VMA";
        }
        Vma vma = vmas.get(random.nextInt(vmas.size()));
        int count = 1 + random.nextInt(8);
        long first = vma.start() + PAGE * random.nextLong(vma.pages());
        for (int i = 0; i < count && task.isAlive(); i++) {
            m.sys().access(task, first + i * PAGE + random.nextInt((int) PAGE), type, type == AccessType.WRITE ? random.nextInt(256) : -1);
        }
        return String.format("%s %s %d pages from 0x%x%s", task, type, count, first, task.isAlive() ? "" : " and dies");
    }

    private String fork(Task task) {
        if (alive.size() >= MAX_TASKS) {
            return task + " fork: enough processes";
        }
        Task child = m.sys().fork(task, "p" + nextPid, nextPid++);
        alive.add(child);
        return task + " forks " + child;
    }
}
