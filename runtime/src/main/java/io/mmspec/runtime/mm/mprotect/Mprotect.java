package io.mmspec.runtime.mm.mprotect;

import io.mmspec.runtime.arch.Mmu;
import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.arch.Pte;
import io.mmspec.runtime.mm.mmap.Mmap;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.sim.Current;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.sim.Trace;
import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.Prot;
import io.mmspec.runtime.uapi.SyscallException;

/**
 * mprotect(2). Mirrors mm/mprotect.c: do_mprotect_pkey() (argument checks, holes, VM_MAY*
 * permissions, the W^X policy), mprotect_fixup() through vma_modify_flags() (split at the
 * edges, merge with neighbours), change_protection() (rewrite present PTEs) and the
 * mmu_gather flush at tlb_finish_mmu(): only the span of PTEs whose change pte_needs_flush(),
 * on every CPU in mm_cpumask, and no flush at all when none did (a range never touched, or
 * only permissions added).
 */
public final class Mprotect {
    private static final long VM_ACCESS_FLAGS = VmFlags.VM_READ | VmFlags.VM_WRITE | VmFlags.VM_EXEC;
    private static final long PAGE_SIZE = 1L << 12;
    private static final long HUGE_SIZE = 1L << 21;

    private final Mmap mmap;
    private final Mmu mmu;
    private final Current current;
    private final Trace trace;
    private final ChangeProtection changeProtection = new ChangeProtection();
    private final HugeSplitter hugeSplitter;

    /** Splits a huge mapping the range cuts through (mm/huge_memory.c: change_pmd_range's split). */
    @FunctionalInterface
    public interface HugeSplitter {
        void splitStraddling(MmStruct mm, long start, long end, long vmFlags);
    }

    public Mprotect(Mmap mmap, Mmu mmu, Current current, Trace trace, HugeSplitter hugeSplitter) {
        this.hugeSplitter = hugeSplitter;
        this.mmap = mmap;
        this.mmu = mmu;
        this.current = current;
        this.trace = trace;
    }

    /** mprotect(start, len, prot) on {@code mm}; throws the kernel's errno on failure. */
    public void mprotect(MmStruct mm, MmuContext context, long start, long len, int prot,
                         boolean denyWriteExec) {
        if ((start & 0xfff) != 0) {
            throw new SyscallException(Errno.EINVAL, "mprotect: start 0x" + Long.toHexString(start) + " is not page aligned");
        }
        if ((prot & ~(Prot.READ | Prot.WRITE | Prot.EXEC)) != 0) {
            throw new SyscallException(Errno.EINVAL, "mprotect: unknown prot bits");
        }
        long end = start + ((len + 0xfff) & ~0xfffL);
        if (end == start) {
            return;
        }
        checkRange(mm, start, end, prot, denyWriteExec);
        long newAccess = VmFlags.calcVmProtBits(prot);
        Vma first = mm.findVma(start);
        hugeSplitter.splitStraddling(mm, start, end, first == null ? 0 : first.flags());
        mmap.modifyFlags(mm, start, end, old -> (old & ~VM_ACCESS_FLAGS) | newAccess);
        FlushRange gathered = new FlushRange();
        for (Vma vma : mm.vmas()) {
            if (vma.end() > start && vma.start() < end) {
                changeProtection.apply(context.pageTable(), vma,
                        Math.max(start, vma.start()), Math.min(end, vma.end()), gathered);
            }
        }
        long ipisBefore = mmu.ipisSent();
        if (!gathered.isEmpty()) { // tlb_flush_mmu_tlbonly() returns early when nothing was gathered
            mmu.flushTlbMmRange(current.cpu(), context, gathered.start, gathered.end, false);
        }
        trace.event(EventKind.MPROTECT, current.cpu(), current.pid())
                .with("start", start).with("end", end)
                .with("prot", Prot.toMapsString(prot, false).substring(0, 3))
                .with("pages", (end - start) >>> 12)
                .with("ipis", mmu.ipisSent() - ipisBefore).emit();
    }

    /** Every page must be mapped (else ENOMEM) and each VMA must allow the new access (VM_MAY*). */
    private static void checkRange(MmStruct mm, long start, long end, int prot, boolean denyWriteExec) {
        long newAccess = VmFlags.calcVmProtBits(prot);
        long covered = start;
        for (Vma vma : mm.vmas()) {
            if (vma.end() <= start || vma.start() >= end) {
                continue;
            }
            if (vma.start() > covered) {
                break;
            }
            long newFlags = (vma.flags() & ~VM_ACCESS_FLAGS) | newAccess;
            if ((newFlags & ~(newFlags >>> 4) & VM_ACCESS_FLAGS) != 0) {
                throw new SyscallException(Errno.EACCES, "mprotect: the mapping does not allow "
                        + Prot.toMapsString(prot, false).substring(0, 3));
            }
            if (denyWriteExec && (newFlags & VmFlags.VM_WRITE) != 0 && (newFlags & VmFlags.VM_EXEC) != 0) {
                throw new SyscallException(Errno.EACCES, "mprotect: W^X: memory may not be writable and executable at once");
            }
            covered = vma.end();
        }
        if (covered < end) {
            throw new SyscallException(Errno.ENOMEM, "mprotect: range not fully mapped at 0x" + Long.toHexString(covered));
        }
    }

    /** The span mmu_gather collects with tlb_flush_pte_range() / tlb_flush_pmd_range(). */
    static final class FlushRange {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;

        void add(long address, long size) {
            start = Math.min(start, address);
            end = Math.max(end, address + size);
        }

        boolean isEmpty() {
            return start >= end;
        }
    }

    /** change_pte_range(): new protection bits on every present PTE of one VMA's range. */
    static final class ChangeProtection {
        void apply(io.mmspec.runtime.arch.PageTable pt, Vma vma, long start, long end, FlushRange gathered) {
            long flags = vma.flags();
            boolean shared = (flags & VmFlags.VM_SHARED) != 0;
            pt.forEachLeaf(start, end, (address, entry, huge) -> {
                long updated = newPte(entry, flags, shared);
                if (Pte.needsFlush(entry, updated)) {
                    gathered.add(address, huge ? HUGE_SIZE : PAGE_SIZE);
                }
                return updated;
            });
        }

        /**
         * Removing write or exec always applies; adding write applies at once only to a shared
         * mapping's dirty PTE (otherwise the next write faults: COW, or dirty tracking), as
         * the kernel's vm_page_prot and can_change_pte_writable() decide. PROT_NONE keeps the
         * page but makes the entry not present to the MMU (_PAGE_PROTNONE).
         */
        static long newPte(long entry, long flags, boolean shared) {
            if (Pte.isSwapEntry(entry)) {
                return entry;
            }
            if ((flags & VM_ACCESS_FLAGS) == 0) {
                return Pte.modify(entry, Pte.PROTNONE | Pte.ACCESSED | (entry & Pte.PSE)); // PAGE_NONE
            }
            long prot = Pte.PRESENT | Pte.USER | Pte.ACCESSED | (entry & Pte.PSE);
            boolean keepWrite = Pte.isWrite(entry) || (shared && Pte.isDirty(entry));
            if ((flags & VmFlags.VM_WRITE) != 0 && keepWrite) {
                prot |= Pte.RW;
            }
            if ((flags & VmFlags.VM_EXEC) == 0) {
                prot |= Pte.NX;
            }
            return Pte.modify(entry, prot);
        }
    }
}
