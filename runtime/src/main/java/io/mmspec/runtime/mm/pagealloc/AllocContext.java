package io.mmspec.runtime.mm.pagealloc;

/**
 * What the allocator reads from {@code current} and the execution context, as bits for
 * {@link PageAllocator#allocPages(int, Gfp, int, int)}. Mirrors the checks of
 * mm/page_alloc.c: __gfp_pfmemalloc_flags() and gfp_to_alloc_flags().
 */
public final class AllocContext {
    /** An ordinary task in process context. */
    public static final int NONE = 0;
    /** PF_MEMALLOC: the task is reclaiming (kswapd, direct reclaim); ignores watermarks. */
    public static final int PF_MEMALLOC = 1;
    /** tsk_is_oom_victim(current): may dig a further half into the min reserve (ALLOC_OOM). */
    public static final int OOM_VICTIM = 2;
    /** rt_or_dl_task(current): a blocking allocation of a real-time task gets ALLOC_MIN_RESERVE. */
    public static final int RT_TASK = 4;
    /** !in_task(): interrupt context; PF_MEMALLOC then counts only as in a softirq. */
    public static final int IN_INTERRUPT = 8;

    private AllocContext() {
    }
}
