/**
 * The OOM killer: mirrors mm/oom_kill.c (out_of_memory, select_bad_process, oom_badness,
 * oom_kill_process, mark_oom_victim, the oom_reaper) and fs/proc/base.c's proc_oom_score.
 *
 * <p>Modelled: badness from rss, swap entries and page tables with oom_score_adj scaled by
 * totalpages/1000; the walk in creation order with ties going to the later task; the abort
 * while an earlier victim is still unreaped; the pre-checks for a dying current and for
 * allocations without __GFP_FS; the dmesg report line by line in the kernel's formats; the
 * reaper two seconds later unmapping the anonymous and private VMAs, setting MMF_OOM_SKIP and
 * printing its line, after which the victim's exit_mm() completes.
 *
 * <p>Not modelled: memory cgroups (memcg OOM, memory.oom.group), cpusets and mempolicies
 * (always CONSTRAINT_NONE, nodemask=(null)), OOM notifiers, panic_on_oom and
 * oom_kill_allocating_task (both at their default 0), sysrq-f, oom_task_origin, vfork,
 * processes sharing an mm (CLONE_VM), the rate limit on the report's first three parts, the
 * stack dump after the first line, the slab and per-zone parts of show_mem, and the reaper's
 * mmap_lock retries (a simulated mmap_lock is never contended). The reaper unmaps through
 * {@link io.mmspec.runtime.mm.memory.MmOps#zap}, which also frees page tables that become
 * empty; the kernel's unmap_page_range() leaves them to exit_mmap().
 */
package io.mmspec.runtime.mm.oom;
