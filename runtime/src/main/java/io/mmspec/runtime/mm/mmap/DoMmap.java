package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SHIFT;

import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.SyscallException;

/**
 * mmap(2). Mirrors mm/mmap.c do_mmap() (argument checks, vm_flags, the address) and mm/vma.c
 * __mmap_region() (address-space limits, MAP_FIXED replacement, commit accounting, merging
 * with the neighbours or inserting a new VMA).
 */
final class DoMmap {
    /** MAP_TYPE: the low nibble holding SHARED (1), PRIVATE (2) or SHARED_VALIDATE (3). */
    private static final int MAP_TYPE = 0x0f;
    private static final int MAP_SHARED_VALIDATE = 0x03;

    private final Mmap ctx;

    DoMmap(Mmap ctx) {
        this.ctx = ctx;
    }

    MmapResult doMmap(MmStruct mm, long addr, long len, int prot, int flags, MappedFile file,
            long pgoff) {
        if ((flags & MapFlags.ANONYMOUS) != 0) {
            file = null; // the fd is ignored
        } else if (file == null) {
            throw new SyscallException(Errno.EBADF, "no file for a file mapping");
        }
        if (len == 0) {
            throw new SyscallException(Errno.EINVAL, "zero length");
        }
        if ((flags & MapFlags.FIXED_NOREPLACE) != 0) {
            flags |= MapFlags.FIXED;
        }
        if ((flags & MapFlags.FIXED) == 0) {
            addr = roundHintToMin(addr);
        }
        len = X86MmapLayout.pageAlign(len);
        if (len <= 0) {
            throw new SyscallException(Errno.ENOMEM, "length overflows");
        }
        if (pgoff + (len >>> PAGE_SHIFT) < pgoff) {
            throw new SyscallException(Errno.EOVERFLOW, "offset overflows");
        }
        if (mm.mapCount() > ctx.config().maxMapCount()) {
            throw new SyscallException(Errno.ENOMEM, "map_count above vm.max_map_count");
        }
        if ((flags & MapFlags.HUGETLB) != 0) {
            throw new SyscallException(Errno.ENOMEM, "no hugetlb pages reserved");
        }
        long vmFlags = VmFlags.calcVmProtBits(prot) | VmFlags.calcVmFlagBits(flags)
                | mm.defFlags() | VmFlags.VM_MAYREAD | VmFlags.VM_MAYWRITE | VmFlags.VM_MAYEXEC;
        addr = ctx.unmappedArea().get(mm, file, addr, len, flags);
        if ((flags & MapFlags.FIXED_NOREPLACE) != 0
                && mm.findVmaIntersection(addr, addr + len) != null) {
            throw new SyscallException(Errno.EEXIST, "range already mapped");
        }
        vmFlags |= sharingFlags(file, flags, vmFlags);
        if (file == null && (flags & MAP_TYPE) == MapFlags.PRIVATE) {
            pgoff = addr >>> PAGE_SHIFT; // anonymous pgoff, for the anon_vma
        } else if (file == null) {
            pgoff = 0;
        }
        if ((flags & MapFlags.NORESERVE) != 0 && ctx.config().overcommitMemory() != 2) {
            vmFlags |= VmFlags.VM_NORESERVE;
        }
        Vma vma = mmapRegion(mm, file, addr, len, vmFlags, pgoff);
        boolean populate = (vma.flags() & VmFlags.VM_LOCKED) != 0
                || (flags & (MapFlags.POPULATE | MapFlags.NONBLOCK)) == MapFlags.POPULATE;
        return new MmapResult(addr, populate ? len : 0);
    }

    /** The VM_SHARED/VM_MAYSHARE part of do_mmap()'s two switches on the map type. */
    private static long sharingFlags(MappedFile file, int flags, long vmFlags) {
        int type = flags & MAP_TYPE;
        boolean shared = type == MapFlags.SHARED || (file != null && type == MAP_SHARED_VALIDATE);
        if (!shared && type != MapFlags.PRIVATE) {
            throw new SyscallException(Errno.EINVAL, "neither MAP_SHARED nor MAP_PRIVATE");
        }
        if (shared && file == null && (vmFlags & VmFlags.VM_GROWSDOWN) != 0) {
            throw new SyscallException(Errno.EINVAL, "shared anonymous memory cannot grow down");
        }
        return shared ? VmFlags.VM_SHARED | VmFlags.VM_MAYSHARE : 0;
    }

    /** round_hint_to_min(): a hint below mmap_min_addr is raised to it. */
    private long roundHintToMin(long hint) {
        hint &= X86MmapLayout.PAGE_MASK;
        long min = ctx.config().mmapMinAddr();
        return hint != 0 && hint < min ? X86MmapLayout.pageAlign(min) : hint;
    }

    /**
     * __mmap_region(): the address is chosen and the flags final. Replaces whatever MAP_FIXED
     * covers, charges the commit, then merges or inserts. Returns the VMA now holding the range.
     */
    Vma mmapRegion(MmStruct mm, MappedFile file, long addr, long len, long vmFlags, long pgoff) {
        long end = addr + len;
        long pages = len >>> PAGE_SHIFT;
        if (VmFlags.mapDenyWriteExec(mm.mdwe(), vmFlags, vmFlags)) {
            throw new SyscallException(Errno.EACCES, "MDWE refuses a writable executable mapping");
        }
        if (!mayExpandVm(mm, vmFlags, pages)
                && !mayExpandVm(mm, vmFlags, pages - mappedPages(mm, addr, end))) {
            throw new SyscallException(Errno.ENOMEM, "RLIMIT_AS or RLIMIT_DATA exceeded");
        }
        Vma over = mm.findVmaIntersection(addr, end);
        if (over != null && over.start() < addr && over.end() > end
                && mm.mapCount() >= ctx.config().maxMapCount()) {
            throw new SyscallException(Errno.ENOMEM, "splitting would exceed max_map_count");
        }
        boolean unacctReplaced = true;
        if (accountable(vmFlags)) {
            long charge = pages - accountedPages(mm, addr, end);
            if (charge > 0 && !ctx.ops().vmEnoughMemory(mm, charge)) {
                throw new SyscallException(Errno.ENOMEM, "not enough memory to commit");
            }
            unacctReplaced = false; // the replaced pages' charge carries over
            vmFlags |= VmFlags.VM_ACCOUNT;
        }
        if (over != null) {
            Munmap.doVmiMunmap(ctx, mm, addr, end, unacctReplaced);
        }
        if (file == null && (vmFlags & VmFlags.VM_SHARED) != 0) {
            file = ctx.shmemZeroSetup(len);
        }
        MergeProposal proposal =
                MergeProposal.newRange(addr, end, vmFlags, file, pgoff, null, null);
        Vma vma = VmaMerge.mergeNewRange(mm, proposal, false);
        if (vma == null) {
            vma = proposal.toVma();
            mm.insert(vma);
        }
        return vma;
    }

    /** accountable_mapping(): private writable memory is charged to Committed_AS. */
    private static boolean accountable(long vmFlags) {
        return (vmFlags & (VmFlags.VM_NORESERVE | VmFlags.VM_SHARED | VmFlags.VM_WRITE))
                == VmFlags.VM_WRITE;
    }

    /** may_expand_vm(): RLIMIT_AS for everything, RLIMIT_DATA for data mappings. */
    static boolean mayExpandVm(MmStruct mm, long vmFlags, long pages, MmapConfig config) {
        if (mm.totalVm() + pages > config.asRlimit() >>> PAGE_SHIFT) {
            return false;
        }
        return !VmFlags.isDataMapping(vmFlags)
                || mm.dataVm() + pages <= config.dataRlimit() >>> PAGE_SHIFT;
    }

    private boolean mayExpandVm(MmStruct mm, long vmFlags, long pages) {
        return mayExpandVm(mm, vmFlags, pages, ctx.config());
    }

    /** count_vma_pages_range(). */
    private static long mappedPages(MmStruct mm, long start, long end) {
        long pages = 0;
        for (Vma vma : mm.vmasIn(start, end)) {
            pages += (Math.min(end, vma.end()) - Math.max(start, vma.start())) >>> PAGE_SHIFT;
        }
        return pages;
    }

    /** The VM_ACCOUNT pages MAP_FIXED is about to replace (vms->nr_accounted). */
    private static long accountedPages(MmStruct mm, long start, long end) {
        long pages = 0;
        for (Vma vma : mm.vmasIn(start, end)) {
            if ((vma.flags() & VmFlags.VM_ACCOUNT) != 0) {
                pages += (Math.min(end, vma.end()) - Math.max(start, vma.start())) >>> PAGE_SHIFT;
            }
        }
        return pages;
    }
}
