package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_MASK;
import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SHIFT;

/**
 * The stack grows down on a fault below it. Mirrors arch/x86/mm/fault.c via mm/memory.c
 * lock_mm_and_find_vma(), and mm/mmap.c expand_downwards() / acct_stack_growth().
 *
 * <pre>
 *   prev VMA   | >= stack_guard_gap (1 MB) |  new pages  |[stack.......)
 *                                     fault ^ grows the stack down to here
 * </pre>
 *
 * Growth fails (the fault becomes SIGSEGV) below mmap_min_addr, within the guard gap of an
 * accessible VMA below, beyond RLIMIT_STACK, RLIMIT_AS, or the commit limit.
 */
final class StackGrowth {
    private StackGrowth() {
    }

    /** lock_mm_and_find_vma(): the VMA a fault at {@code addr} is in, after growth; or null. */
    static Vma findVmaForFault(Mmap ctx, MmStruct mm, long addr) {
        Vma vma = mm.findVma(addr);
        if (vma == null) {
            return null;
        }
        if (vma.start() <= addr) {
            return vma;
        }
        if ((vma.flags() & VmFlags.VM_GROWSDOWN) == 0) {
            return null;
        }
        return expandDownwards(ctx, mm, vma, addr);
    }

    /** expand_downwards(): the grown VMA, or null if the stack may not grow there. */
    static Vma expandDownwards(Mmap ctx, MmStruct mm, Vma vma, long address) {
        address &= PAGE_MASK;
        if (address < ctx.config().mmapMinAddr()) {
            return null;
        }
        Vma prev = mm.findVmaPrev(vma);
        if (prev != null && (prev.flags() & VmFlags.VM_GROWSDOWN) == 0
                && (prev.flags() & VmFlags.VM_ACCESS_FLAGS) != 0
                && address - prev.end() < ctx.config().stackGuardGap()) {
            return null;
        }
        vma = ctx.anonVmaPrepare(mm, vma);
        long grow = (vma.start() - address) >>> PAGE_SHIFT;
        if (grow > vma.pgoff() || !acctStackGrowth(ctx, mm, vma, vma.end() - address, grow)) {
            return null;
        }
        Vma grown = vma.withRange(address, vma.end());
        mm.replace(vma, grown);
        return grown;
    }

    /** acct_stack_growth(): RLIMIT_AS, RLIMIT_STACK, then the commit charge (last). */
    private static boolean acctStackGrowth(Mmap ctx, MmStruct mm, Vma vma, long size,
            long grow) {
        if (!DoMmap.mayExpandVm(mm, vma.flags(), grow, ctx.config())) {
            return false;
        }
        if (size > ctx.config().stackRlimit()) {
            return false;
        }
        return ctx.ops().vmEnoughMemory(mm, grow);
    }
}
