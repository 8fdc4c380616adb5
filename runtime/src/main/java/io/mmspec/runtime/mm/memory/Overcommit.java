package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.mm.memory.OvercommitMode;
import io.mmspec.runtime.mm.mmap.MmStruct;
import java.util.function.LongSupplier;

/**
 * Commit accounting. Mirrors mm/util.c: __vm_enough_memory() and vm_commit_limit():
 * mode 0 (heuristic) refuses only a single request larger than RAM + swap; mode 1 never
 * refuses; mode 2 refuses once Committed_AS would pass CommitLimit = RAM * ratio / 100 + swap,
 * keeping admin_reserve_kbytes (8 MB) and min(total_vm / 32, user_reserve_kbytes) back.
 * Committed_AS counts the pages of every VM_ACCOUNT mapping (private writable memory).
 */
public final class Overcommit {
    private static final long ADMIN_RESERVE_PAGES = (8L << 20) >>> 12;
    private static final long USER_RESERVE_PAGES = 100404L >>> 2;

    private final OvercommitMode mode;
    private final int ratio;
    private final long totalRamPages;
    private final LongSupplier swapPages;
    private long committed;

    public Overcommit(OvercommitMode mode, int ratio, long totalRamPages, LongSupplier swapPages) {
        this.mode = mode;
        this.ratio = ratio;
        this.totalRamPages = totalRamPages;
        this.swapPages = swapPages;
    }

    /** __vm_enough_memory(): accounts {@code pages} and says yes, or says no and accounts nothing. */
    public boolean vmEnoughMemory(MmStruct mm, long pages) {
        boolean ok = switch (mode) {
            case ALWAYS -> true;
            case HEURISTIC -> pages <= totalRamPages + swapPages.getAsLong();
            case NEVER -> {
                long allowed = commitLimit() - ADMIN_RESERVE_PAGES
                        - Math.min(mm.totalVm() / 32, USER_RESERVE_PAGES);
                yield committed + pages <= allowed;
            }
        };
        if (ok) {
            committed += pages;
        }
        return ok;
    }

    public void unaccount(long pages) {
        committed -= pages;
    }

    /** vm_commit_limit() in pages. */
    public long commitLimit() {
        return totalRamPages * ratio / 100 + swapPages.getAsLong();
    }

    /** Committed_AS in pages (vm_committed_as). */
    public long committed() {
        return committed;
    }
}
