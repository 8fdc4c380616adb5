package io.mmspec.runtime.mm.oom;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.task.Task;
import java.util.Objects;

/**
 * struct oom_control for a global (not memcg) OOM: the allocation that failed and the task that
 * made it. totalpages and the constraint are computed by {@link OomKiller#outOfMemory}, as
 * constrained_alloc() fills them in; the nodemask is always NULL here (no mempolicy).
 *
 * @param gfp     the failed allocation's gfp_mask
 * @param order   its order
 * @param current the allocating task (a kernel thread for the kernel's own allocations)
 */
public record OomControl(Gfp gfp, int order, Task current) {
    public OomControl {
        Objects.requireNonNull(gfp, "gfp");
        Objects.requireNonNull(current, "current: pass the kernel thread for kernel allocations");
        if (order < 0) {
            throw new IllegalArgumentException("order " + order + ": sysrq-f (order -1) is not modelled");
        }
    }
}
