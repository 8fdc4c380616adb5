package io.mmspec.dsl.run;

import io.mmspec.dsl.ast.Predicate;
import io.mmspec.dsl.ast.Region;
import io.mmspec.runtime.Machine;
import io.mmspec.runtime.Peek;
import io.mmspec.runtime.arch.PageTable;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.task.Task;
import java.nio.charset.StandardCharsets;

/**
 * Looks at memory the way a debugger would, never the way the program does: bytes are read from
 * wherever they are (a mapped frame, the page cache, the disk) and nothing is faulted in.
 */
final class Memory {
    private final Machine machine;
    private final Peek peek;

    Memory(Machine machine) {
        this.machine = machine;
        this.peek = new Peek(machine);
    }

    /** The byte at {@code address} of {@code task}, or -1 if nothing is mapped there. */
    int peek(Task task, long address) {
        try {
            return peek.byteAt(task, address);
        } catch (UnsupportedOperationException e) {
            throw new MechanismUnavailable("reading a swapped-out page", "swap (mm/swapfile.c)");
        }
    }

    Verdict readsBack(Task task, byte[] expected, Region region) {
        long start = RegionResolver.resolve(task, region)[0];
        byte[] actual = new byte[expected.length];
        for (int i = 0; i < expected.length; i++) {
            int b = peek(task, start + i);
            if (b < 0) {
                return Verdict.of(false, String.format("nothing is mapped at 0x%x", start + i),
                        "to read " + show(expected));
            }
            actual[i] = (byte) b;
        }
        return Verdict.of(java.util.Arrays.equals(actual, expected), "it holds " + show(actual),
                "to read " + show(expected));
    }

    Verdict fileHolds(String path, byte[] expected, long offset) {
        Inode inode = machine.fs().lookup(path).orElseThrow(() -> new IllegalStateException("no file " + path));
        byte[] actual = new byte[expected.length];
        for (int i = 0; i < expected.length; i++) {
            long pos = offset + i;
            actual[i] = (byte) peek.fileByte(inode, pos);
        }
        return Verdict.of(java.util.Arrays.equals(actual, expected), "it holds " + show(actual),
                path + " to hold " + show(expected));
    }

    Verdict regionIs(Task task, Region region, Predicate.RegionState state) {
        long[] r = RegionResolver.resolve(task, region);
        long pages = 0;
        long present = 0;
        long huge = 0;
        long mapped = 0;
        long swapped = 0;
        PageTable pt = task.mm() == null ? null : MmOps.context(task.mm()).pageTable();
        for (long a = r[0] & ~0xfffL; a < r[0] + Math.max(r[1], 1); a += 4096) {
            pages++;
            if (pt == null || task.mm().vmaLookup(a) == null) {
                continue;
            }
            mapped++;
            long entry = pt.pte(a);
            if (Pte.isPresent(entry)) {
                present++;
                huge += Pte.isHuge(entry) ? 1 : 0;
            } else if (Pte.isSwapEntry(entry)) {
                swapped++;
            }
        }
        boolean holds = switch (state) {
            case RESIDENT -> present == pages;
            case UNMAPPED -> mapped == 0;
            case HUGE -> huge == pages;
            case SWAPPED -> swapped == pages;
        };
        String actual = String.format("%d of %d pages mapped, %d resident, %d in huge pages, %d swapped out",
                mapped, pages, present, huge, swapped);
        return Verdict.of(holds, actual, state.name().toLowerCase(java.util.Locale.ROOT));
    }

    Verdict regionVmas(Task task, Region region, long expected) {
        long[] r = RegionResolver.resolve(task, region);
        int count = task.mm() == null ? 0 : task.mm().vmasIn(r[0], r[0] + Math.max(r[1], 1)).size();
        return Verdict.of(count == expected, count + " vmas", expected + " vmas");
    }

    static String show(byte[] bytes) {
        return io.mmspec.runtime.Peek.show(bytes);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
