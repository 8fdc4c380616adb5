package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SHIFT;
import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SIZE;

import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;

/**
 * The program break. Mirrors mm/mmap.c SYSCALL_DEFINE1(brk) and mm/vma.c do_brk_flags().
 *
 * <pre>
 *   start_brk          oldbrk      newbrk        next VMA
 *      |[heap.........)|+++++++++++)|  >= 1 page  |VVVV     (stack: 1 page + 1 MB guard)
 *   grow: extend the heap VMA (or make one); shrink: munmap [newbrk, oldbrk)
 * </pre>
 *
 * brk(2) never fails with an errno: it returns the old break when it cannot move it.
 */
final class Brk {
    private Brk() {
    }

    static long brk(Mmap ctx, MmStruct mm, long requested) {
        MmLayout layout = mm.layout();
        long origBrk = layout.brk();
        if (requested < layout.startBrk() || overDataRlimit(ctx.config(), layout, requested)) {
            return origBrk;
        }
        long newBrk = X86MmapLayout.pageAlign(requested);
        long oldBrk = X86MmapLayout.pageAlign(origBrk);
        if (oldBrk == newBrk) {
            layout.setBrk(requested);
            return requested;
        }
        try {
            if (requested <= origBrk) { // shrinking always succeeds unless munmap cannot split
                layout.setBrk(requested);
                Munmap.doVmiMunmap(ctx, mm, newBrk, oldBrk, true);
                return requested;
            }
            Vma next = mm.findVmaIntersection(oldBrk,
                    newBrk + PAGE_SIZE + ctx.config().stackGuardGap());
            if (next != null && newBrk + PAGE_SIZE > ctx.unmappedArea().vmStartGap(next)) {
                return origBrk;
            }
            Vma brkVma = mm.vmaBefore(oldBrk);
            if (brkVma != null && brkVma.start() < layout.startBrk()) {
                brkVma = null; // vma_prev_limit(): the heap never merges below start_brk
            }
            doBrkFlags(ctx, mm, brkVma, oldBrk, newBrk - oldBrk, 0);
            layout.setBrk(requested);
            return requested;
        } catch (SyscallException cannotMove) {
            layout.setBrk(origBrk);
            return origBrk;
        }
    }

    /** check_data_rlimit(): heap plus data segment within RLIMIT_DATA. */
    private static boolean overDataRlimit(MmapConfig config, MmLayout layout, long requested) {
        long limit = config.dataRlimit();
        return limit < MmapConfig.RLIM_INFINITY
                && (requested - layout.startBrk()) + (layout.endData() - layout.startData())
                        > limit;
    }

    /**
     * do_brk_flags(): anonymous rw- memory at [addr, addr+len), expanding {@code prev} if it
     * ends at addr and matches, else a new VMA. Also maps the ELF bss (vm_brk_flags()).
     */
    static Vma doBrkFlags(Mmap ctx, MmStruct mm, Vma prev, long addr, long len, long extra) {
        long flags = extra | VmFlags.VM_DATA_DEFAULT_FLAGS | VmFlags.VM_ACCOUNT | mm.defFlags();
        long pages = len >>> PAGE_SHIFT;
        if (addr < ctx.config().dacMmapMinAddr()) { // check_brk_limits(): security_mmap_addr()
            throw new SyscallException(Errno.EPERM, "heap below mmap_min_addr");
        }
        if (!DoMmap.mayExpandVm(mm, flags, pages, ctx.config())) {
            throw new SyscallException(Errno.ENOMEM, "RLIMIT_AS or RLIMIT_DATA exceeded");
        }
        if (mm.mapCount() > ctx.config().maxMapCount()) {
            throw new SyscallException(Errno.ENOMEM, "map_count above vm.max_map_count");
        }
        if (!ctx.ops().vmEnoughMemory(mm, pages)) {
            throw new SyscallException(Errno.ENOMEM, "not enough memory to commit");
        }
        MergeProposal proposal = MergeProposal.newRange(addr, addr + len, flags, null,
                addr >>> PAGE_SHIFT, null, null);
        if (prev != null && prev.end() == addr) {
            Vma merged = VmaMerge.mergeNewRange(mm, proposal, true);
            if (merged != null) {
                return merged;
            }
        } else {
            Vma below = mm.vmaBefore(addr);
            if (below != null && below.end() == addr) {
                mm.addUnmergedBoundary(addr); // no merge attempted here, as in the kernel
            }
        }
        Vma vma = proposal.toVma();
        mm.insert(vma);
        return vma;
    }
}
