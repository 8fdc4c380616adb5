package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SHIFT;

import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.SyscallException;

/**
 * mremap(2). Mirrors mm/mremap.c: shrink by unmapping the tail; grow in place when the range
 * ends at its VMA's end and the space after it is free (vma_merge_extend()); otherwise, with
 * MREMAP_MAYMOVE, pick a new address, copy the VMA there (copy_vma(), which may merge it with
 * its new neighbours), move the page tables, and unmap the old range (move_vma()).
 *
 * <pre>
 *   grow in place:  [AAAA)....      ->  [AAAAAA)..
 *   move:           [AAAA)[BB)      ->        [BB)  ...  [AAAAAA)   (PTEs moved, not copied)
 * </pre>
 *
 * Not modelled: MREMAP_FIXED, MREMAP_DONTUNMAP, and old_len 0 (duplicating a shared mapping).
 */
public final class Mremap {
    /** MREMAP_MAYMOVE (include/uapi/linux/mman.h). */
    public static final int MREMAP_MAYMOVE = 1;
    public static final int MREMAP_FIXED = 2;
    public static final int MREMAP_DONTUNMAP = 4;

    private Mremap() {
    }

    static long mremap(Mmap ctx, MmStruct mm, long addr, long oldLen, long newLen, int flags) {
        if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0
                || (addr & ~X86MmapLayout.PAGE_MASK) != 0) {
            throw new SyscallException(Errno.EINVAL, "bad mremap flags or address");
        }
        if ((flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0 || oldLen == 0) {
            throw new IllegalArgumentException(
                    "MREMAP_FIXED, MREMAP_DONTUNMAP and old_len 0 are not modelled");
        }
        oldLen = X86MmapLayout.pageAlign(oldLen);
        newLen = X86MmapLayout.pageAlign(newLen);
        if (newLen == 0) {
            throw new SyscallException(Errno.EINVAL, "zero new length");
        }
        Vma vma = mm.vmaLookup(addr);
        if (vma == null) {
            throw new SyscallException(Errno.EFAULT, "no mapping at the old address");
        }
        if (oldLen >= newLen) {
            Munmap.doVmiMunmap(ctx, mm, addr + newLen, addr + oldLen, true);
            return addr;
        }
        long delta = newLen - oldLen;
        vmaToResize(ctx, mm, vma, addr, oldLen, delta);
        if (oldLen == vma.end() - addr && expandable(mm, vma, delta)) {
            charge(ctx, mm, vma, delta);
            MergeProposal tail = MergeProposal.newRange(vma.end(), vma.end() + delta,
                    vma.flags(), vma.file(), vma.pgoff() + vma.pages(), vma.anonVma(),
                    vma.anonName());
            if (VmaMerge.mergeNewRange(mm, tail, false) == null) {
                uncharge(ctx, vma, delta);
                throw new SyscallException(Errno.ENOMEM, "cannot extend the mapping");
            }
            return addr;
        }
        if ((flags & MREMAP_MAYMOVE) == 0) {
            throw new SyscallException(Errno.ENOMEM, "no room to grow and MREMAP_MAYMOVE unset");
        }
        int mapFlags = (vma.flags() & VmFlags.VM_MAYSHARE) != 0 ? MapFlags.SHARED : 0;
        long newAddr = ctx.unmappedArea().get(mm, vma.file(), 0, newLen, mapFlags);
        charge(ctx, mm, vma, delta);
        moveVma(ctx, mm, vma, addr, oldLen, newLen, newAddr);
        return newAddr;
    }

    /** vma_to_resize(): the checks before growing. */
    private static void vmaToResize(Mmap ctx, MmStruct mm, Vma vma, long addr, long oldLen,
            long delta) {
        if (oldLen > vma.end() - addr) {
            throw new SyscallException(Errno.EFAULT, "old range spans more than one mapping");
        }
        if ((vma.flags() & (VmFlags.VM_DONTEXPAND | VmFlags.VM_PFNMAP)) != 0) {
            throw new SyscallException(Errno.EFAULT, "mapping may not grow");
        }
        if (!DoMmap.mayExpandVm(mm, vma.flags(), delta >>> PAGE_SHIFT, ctx.config())) {
            throw new SyscallException(Errno.ENOMEM, "RLIMIT_AS or RLIMIT_DATA exceeded");
        }
    }

    /** vma_expandable(): nothing in [end, end + delta) and still below TASK_SIZE. */
    private static boolean expandable(MmStruct mm, Vma vma, long delta) {
        long end = vma.end() + delta;
        return end <= X86MmapLayout.TASK_SIZE && mm.findVmaIntersection(vma.end(), end) == null;
    }

    /** move_vma(): copy_vma(), move_page_tables(), then unmap the old range. */
    private static void moveVma(Mmap ctx, MmStruct mm, Vma vma, long oldAddr, long oldLen,
            long newLen, long newAddr) {
        if (mm.mapCount() >= ctx.config().maxMapCount() - 3) {
            uncharge(ctx, vma, newLen - oldLen);
            throw new SyscallException(Errno.ENOMEM, "too many mappings to move one");
        }
        long pgoff = vma.pgoffAt(oldAddr);
        if (vma.isAnonymous() && vma.anonVma() == null) {
            pgoff = newAddr >>> PAGE_SHIFT; // never faulted: follow the address, to merge better
        }
        MergeProposal copy = new MergeProposal(newAddr, newAddr + newLen, vma.flags(),
                vma.file(), pgoff, vma.anonVma(), vma.anonName(), null, vma);
        Vma newVma = VmaMerge.mergeNewRange(mm, copy, false);
        if (newVma == null) {
            newVma = copy.toVma();
            mm.insert(newVma);
        }
        ctx.ops().movePageTables(mm, vma, oldAddr, newVma, newAddr, oldLen);
        // the charge moves with the pages: the old range is unmapped without giving it back
        Munmap.doVmiMunmap(ctx, mm, oldAddr, oldAddr + oldLen, false);
    }

    private static void charge(Mmap ctx, MmStruct mm, Vma vma, long delta) {
        if ((vma.flags() & VmFlags.VM_ACCOUNT) != 0
                && !ctx.ops().vmEnoughMemory(mm, delta >>> PAGE_SHIFT)) {
            throw new SyscallException(Errno.ENOMEM, "not enough memory to commit");
        }
    }

    private static void uncharge(Mmap ctx, Vma vma, long delta) {
        if ((vma.flags() & VmFlags.VM_ACCOUNT) != 0) {
            ctx.ops().vmUnacctMemory(delta >>> PAGE_SHIFT);
        }
    }
}
