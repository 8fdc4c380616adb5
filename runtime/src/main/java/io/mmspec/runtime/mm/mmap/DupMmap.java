package io.mmspec.runtime.mm.mmap;

import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.SyscallException;

/**
 * fork()'s copy of an address space. Mirrors kernel/fork.c dup_mm() / mm/mmap.c dup_mmap() and
 * mm/rmap.c anon_vma_fork().
 *
 * <ul>
 *   <li>Every VMA is copied, in order, except VM_DONTCOPY ones (MADV_DONTFORK).</li>
 *   <li>mlock is not inherited: the copy loses VM_LOCKED and VM_LOCKONFAULT (and userfaultfd).</li>
 *   <li>A VMA with an anon_vma gets a new one whose parent is the original's, so rmap from a
 *       page shared copy-on-write finds both processes.</li>
 *   <li>VM_WIPEONFORK copies get no anon_vma and no page tables: the child sees zeroes.</li>
 *   <li>Page tables are copied by {@link PageRangeOps#copyPageRange} where vma_needs_copy()
 *       says so; the RSS counters are the callback's to fill in.</li>
 *   <li>VM_ACCOUNT pages are charged again for the child (fail: ENOMEM, nothing created).</li>
 * </ul>
 */
final class DupMmap {
    private DupMmap() {
    }

    static MmStruct dupMmap(Mmap ctx, MmStruct parent) {
        long charge = 0;
        for (Vma vma : parent.vmas()) {
            if ((vma.flags() & (VmFlags.VM_DONTCOPY | VmFlags.VM_ACCOUNT)) == VmFlags.VM_ACCOUNT) {
                charge += vma.pages();
            }
        }
        if (charge > 0 && !ctx.ops().vmEnoughMemory(parent, charge)) {
            throw new SyscallException(Errno.ENOMEM, "not enough memory to commit the copy");
        }
        MmStruct child = ctx.newMm();
        child.layout().copyFrom(parent.layout());
        child.setMdwe(parent.mdwe());
        child.setDefFlags(parent.defFlags() & ~VmFlags.VM_LOCKED_MASK);
        Vma prevCopy = null;
        for (Vma vma : parent.vmas()) {
            if ((vma.flags() & VmFlags.VM_DONTCOPY) != 0) {
                continue;
            }
            Vma copy = copyOf(ctx, vma);
            child.insert(copy);
            if (prevCopy != null && prevCopy.end() == copy.start()) {
                child.addUnmergedBoundary(copy.start()); // copies are never merged
            }
            prevCopy = copy;
            if ((vma.flags() & VmFlags.VM_WIPEONFORK) == 0 && vmaNeedsCopy(copy, vma)) {
                ctx.ops().copyPageRange(child, copy, parent, vma);
            }
        }
        child.updateHiwaterRss();
        child.updateHiwaterVm();
        return child;
    }

    private static Vma copyOf(Mmap ctx, Vma vma) {
        long flags = vma.flags()
                & ~(VmFlags.VM_LOCKED_MASK | VmFlags.VM_UFFD_MISSING | VmFlags.VM_UFFD_WP);
        AnonVma anonVma = null;
        if ((vma.flags() & VmFlags.VM_WIPEONFORK) == 0 && vma.anonVma() != null) {
            anonVma = ctx.anonVmaFork(vma.anonVma());
        }
        return new Vma(vma.start(), vma.end(), flags, vma.file(), vma.pgoff(), anonVma,
                vma.anonName());
    }

    /** vma_needs_copy(). */
    private static boolean vmaNeedsCopy(Vma dst, Vma src) {
        return (dst.flags() & VmFlags.VM_COPY_ON_FORK) != 0 || src.anonVma() != null;
    }
}
