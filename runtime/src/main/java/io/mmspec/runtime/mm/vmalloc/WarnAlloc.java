package io.mmspec.runtime.mm.vmalloc;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.KernelLog;
import java.util.function.IntFunction;

/**
 * The warnings vmalloc prints. Mirrors warn_alloc() of mm/page_alloc.c ("%s: %pV, mode:%#x(%pGg),
 * nodemask=(null)" then ",cpuset=/,mems_allowed=0"), silenced by __GFP_NOWARN, and WARN()
 * (the cut-here marker and the message). The stack dump, show_mem() and the printk rate
 * limit are left out.
 */
final class WarnAlloc {
    private final KernelLog log;
    private final Current current;
    private final IntFunction<String> commOfPid;

    WarnAlloc(KernelLog log, Current current, IntFunction<String> commOfPid) {
        this.log = log;
        this.current = current;
        this.commOfPid = commOfPid;
    }

    /** warn_alloc(gfp, NULL, message). */
    void warnAlloc(Gfp gfp, String message) {
        if (gfp.has(Gfp.__GFP_NOWARN)) {
            return;
        }
        log.printk(KernelLog.Level.WARNING, commOfPid.apply(current.pid()) + ": " + message + ", mode:"
                + gfp.describe() + ", nodemask=(null),cpuset=/,mems_allowed=0");
    }

    /** WARN(1, KERN_ERR message). */
    void warn(String message) {
        log.printk(KernelLog.Level.WARNING, "------------[ cut here ]------------");
        log.printk(KernelLog.Level.ERR, message);
    }
}
