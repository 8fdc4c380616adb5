package io.mmspec.runtime.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registry of trace event kinds. A scenario names them in lower case ({@code event
 * kswapd_wake before 66 s}); where the kernel has a tracepoint, the name follows it. Each
 * kind says which mechanism emits it, so a scenario naming an event of a mechanism that does
 * not exist yet can be told so.
 */
public enum EventKind {
    // task: kernel/fork.c, fs/exec.c, kernel/exit.c, kernel/signal.c
    FORK("task"), EXEC("task"), EXIT("task"), SIGNAL("task"),
    // memory.c
    PAGE_FAULT("memory"), COW("memory"), ZERO_PAGE("memory"), THP_FAULT("memory"),
    THP_FALLBACK("memory"), FAULT_AROUND("memory"), MIGRATE("memory"),
    // mmap.c, vma.c
    MMAP("mmap"), MUNMAP("mmap"), MREMAP("mmap"), BRK("mmap"), MADVISE("mmap"), MLOCK("mmap"),
    // mprotect.c
    MPROTECT("mprotect"),
    // arch/x86/mm/tlb.c
    TLB_FLUSH("arch"), TLB_SHOOTDOWN("arch"), OOPS("arch"),
    // page_alloc.c
    PAGE_ALLOC_FAIL("page_alloc"), COMPACTION("page_alloc"),
    // filemap.c, page-writeback.c
    PAGE_CACHE_MISS("filemap"), WRITEBACK("filemap"), FSYNC("filemap"), DROP_CACHES("filemap"),
    // readahead.c
    READAHEAD("readahead"),
    // swap.c, swapfile.c, swap_state.c
    SWAP_OUT("swap"), SWAP_IN("swap"),
    // vmscan.c
    KSWAPD_WAKE("vmscan"), KSWAPD_SLEEP("vmscan"), DIRECT_RECLAIM("vmscan"), VMSCAN_THROTTLED("vmscan"),
    // oom_kill.c
    OOM_KILL("oom_kill"), OOM_REAP("oom_kill"),
    // slub.c, kmalloc
    KMALLOC("kmalloc"), KFREE("kmalloc"), KMEM_CACHE_ALLOC("slub"), KMEM_CACHE_FREE("slub"),
    SLAB_ALLOC("slub"), SLAB_FREE("slub"), SLUB_REPORT("slub"),
    // vmalloc.c
    VMALLOC("vmalloc"), VFREE("vmalloc"), VMAP_PURGE("vmalloc");

    private final String mechanism;

    EventKind(String mechanism) {
        this.mechanism = mechanism;
    }

    /** The name a scenario uses: {@code kswapd_wake}. */
    public String eventName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mm/ file (without .c) or subsystem that emits this event. */
    public String mechanism() {
        return mechanism;
    }

    public static Optional<EventKind> byName(String eventName) {
        for (EventKind kind : values()) {
            if (kind.eventName().equals(eventName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Every event name, in declaration order (for "did you mean" hints). */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (EventKind kind : values()) {
            names.add(kind.eventName());
        }
        return names;
    }
}
