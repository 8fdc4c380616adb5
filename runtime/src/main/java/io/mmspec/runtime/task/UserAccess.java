package io.mmspec.runtime.task;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.Translation;
import io.mmspec.runtime.mm.memory.FaultHandler;
import io.mmspec.runtime.mm.memory.MmOps;
import io.mmspec.runtime.mm.memory.VmFault;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.sim.CostMeter;
import io.mmspec.runtime.sim.CostModel;
import io.mmspec.runtime.uapi.AccessType;
import io.mmspec.runtime.uapi.Signal;

/**
 * One load, store or instruction fetch by a user task: the CPU translates the address (TLB,
 * then page walk), and on a page fault the kernel handles it and the instruction is retried.
 * Mirrors arch/x86/mm/fault.c: exc_page_fault() → do_user_addr_fault() → handle_mm_fault(),
 * mm_account_fault() (min_flt / maj_flt of the task), and the signals a bad access ends in.
 * The byte itself is read from or written to the frame the address translates to.
 */
public final class UserAccess {
    /** More retries than this for one access means the fault handler made no progress: a bug. */
    private static final int MAX_RETRIES = 4;
    /** What {@link #access} returns when the access must wait and be retried (an OOM in progress). */
    public static final int BLOCKED = -2;
    /** How long a task waits before retrying a fault that ran out of memory: one jiffy at HZ=250. */
    public static final long OOM_RETRY_WAIT_NS = 4_000_000;

    /** Whether an OOM kill is in progress, so that a fault out of memory should simply be retried. */
    public interface OomState {
        boolean victimPending();
    }

    private final Mmu mmu;
    private final FaultHandler faults;
    private final MemMap memMap;
    private final CostMeter meter;
    private final CostModel costs;
    private final Exit exit;
    private OomState oom = () -> false;

    /** Plugs in the OOM killer's state (mm/oom_kill.c). */
    public void setOomState(OomState state) {
        this.oom = state;
    }

    public UserAccess(Mmu mmu, FaultHandler faults, MemMap memMap, CostMeter meter, CostModel costs, Exit exit) {
        this.mmu = mmu;
        this.faults = faults;
        this.memMap = memMap;
        this.meter = meter;
        this.costs = costs;
        this.exit = exit;
    }

    /**
     * Accesses one byte. For a write, {@code value} is stored, or the byte already there when
     * {@code value} is negative (a touch). Returns the byte read or written, -1 if the task
     * was killed by the access, or {@link #BLOCKED} if it ran out of memory while an OOM kill is
     * in progress: then it has waited a jiffy and must be retried (the kernel's
     * pagefault_out_of_memory() returns and the instruction faults again).
     */
    public int access(Task task, long address, AccessType type, int value) {
        MmuContext context = MmOps.context(task.mm());
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            Translation t = mmu.translate(task.cpu(), context, address, type);
            meter.charge(t.tlbHit() ? costs.tlbHitNs() : costs.pageWalkNs() * t.walkReads() / 4);
            if (t.ok()) {
                meter.charge(costs.memoryAccessNs());
                return transfer(t.pfn(), (int) (address & 0xfff), type, value);
            }
            if (t.generalProtection()) {
                exit.kill(task, Signal.SIGSEGV, Signal.SI_KERNEL, 0, "general protection fault");
                return -1;
            }
            int result = faults.handleUserFault(task.mm(), context, address,
                    type == AccessType.WRITE, type == AccessType.EXEC,
                    (t.errorCode() & io.mmspec.runtime.arch.PfErrorCode.PROT) != 0,
                    task.pid(), task.cpu());
            if ((result & VmFault.OOM) != 0 && oom.victimPending()) {
                meter.charge(OOM_RETRY_WAIT_NS);
                return BLOCKED;
            }
            if (VmFault.isError(result)) {
                deliver(task, address, result, t.errorCode());
                return -1;
            }
            task.accountFault(VmFault.isMajor(result));
        }
        throw new IllegalStateException("no progress on a fault at 0x" + Long.toHexString(address)
                + " of " + task + ": the fault handler and the MMU disagree");
    }

    private int transfer(long pfn, int offset, AccessType type, int value) {
        if (type != AccessType.WRITE) {
            return memMap.readByte(pfn, offset) & 0xff;
        }
        if (value < 0) {
            return memMap.readByte(pfn, offset) & 0xff; // a touch stores the byte already there
        }
        memMap.writeByte(pfn, offset, (byte) value);
        return value;
    }

    private void deliver(Task task, long address, int result, int errorCode) {
        if ((result & VmFault.SIGBUS) != 0) {
            exit.killByFault(task, Signal.SIGBUS, Signal.BUS_ADRERR, address, errorCode, "access past the end of the file");
        } else if ((result & VmFault.OOM) != 0) {
            throw new UnsupportedOperationException("out of memory in a page fault: the OOM killer "
                    + "(mm/oom_kill.c) arrives with the memory-pressure slice");
        } else {
            boolean mapErr = (result & VmFault.MAPERR) != 0;
            exit.killByFault(task, Signal.SIGSEGV, mapErr ? Signal.SEGV_MAPERR : Signal.SEGV_ACCERR, address,
                    errorCode, mapErr ? "no mapping at the address" : "the mapping forbids the access");
        }
    }
}
