package io.mmspec.runtime.mm.mmap;

import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;

/**
 * The VM_* bits of {@code vm_area_struct.vm_flags}, with the values of include/linux/mm.h
 * (Linux 6.x, x86-64, CONFIG_MMU), and the helpers that translate mmap(2) arguments into them:
 * calc_vm_prot_bits() and calc_vm_flag_bits() of include/linux/mman.h, the permission column of
 * /proc/PID/maps and the "VmFlags:" mnemonics of /proc/PID/smaps (show_smap_vma_flags()).
 */
public final class VmFlags {
    public static final long VM_NONE = 0x0L;
    public static final long VM_READ = 0x1L;
    public static final long VM_WRITE = 0x2L;
    public static final long VM_EXEC = 0x4L;
    public static final long VM_SHARED = 0x8L;
    public static final long VM_MAYREAD = 0x10L;
    public static final long VM_MAYWRITE = 0x20L;
    public static final long VM_MAYEXEC = 0x40L;
    public static final long VM_MAYSHARE = 0x80L;
    public static final long VM_GROWSDOWN = 0x100L;
    public static final long VM_UFFD_MISSING = 0x200L;
    public static final long VM_PFNMAP = 0x400L;
    public static final long VM_UFFD_WP = 0x1000L;
    public static final long VM_LOCKED = 0x2000L;
    public static final long VM_IO = 0x4000L;
    public static final long VM_SEQ_READ = 0x8000L;
    public static final long VM_RAND_READ = 0x10000L;
    public static final long VM_DONTCOPY = 0x20000L;
    public static final long VM_DONTEXPAND = 0x40000L;
    public static final long VM_LOCKONFAULT = 0x80000L;
    public static final long VM_ACCOUNT = 0x100000L;
    public static final long VM_NORESERVE = 0x200000L;
    public static final long VM_HUGETLB = 0x400000L;
    public static final long VM_SYNC = 0x800000L;
    /** VM_ARCH_1: VM_PAT on x86. */
    public static final long VM_ARCH_1 = 0x1000000L;
    public static final long VM_WIPEONFORK = 0x2000000L;
    public static final long VM_DONTDUMP = 0x4000000L;
    public static final long VM_SOFTDIRTY = 0x8000000L;
    public static final long VM_MIXEDMAP = 0x10000000L;
    public static final long VM_HUGEPAGE = 0x20000000L;
    public static final long VM_NOHUGEPAGE = 0x40000000L;
    public static final long VM_MERGEABLE = 0x80000000L;

    /** x86 has no VM_GROWSUP: the stack is the VMA that grows down. */
    public static final long VM_STACK = VM_GROWSDOWN;
    /** Mappings that are never merged, split by mlock or expanded by mremap. */
    public static final long VM_SPECIAL = VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP;
    public static final long VM_ACCESS_FLAGS = VM_READ | VM_WRITE | VM_EXEC;
    public static final long VM_LOCKED_MASK = VM_LOCKED | VM_LOCKONFAULT;
    /** Bits a merge ignores (VM_IGNORE_MERGE): soft-dirty tracking must not block a merge. */
    public static final long VM_IGNORE_MERGE = VM_SOFTDIRTY;
    /** x86-64 VM_DATA_DEFAULT_FLAGS (VM_DATA_FLAGS_TSK_EXEC without READ_IMPLIES_EXEC). */
    public static final long VM_DATA_DEFAULT_FLAGS =
            VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
    /** VM_STACK_FLAGS: what setup_arg_pages() gives the initial stack. */
    public static final long VM_STACK_FLAGS = VM_STACK | VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT;
    /** VM_COPY_ON_FORK: VMAs whose page tables fork must copy even without an anon_vma. */
    public static final long VM_COPY_ON_FORK = VM_PFNMAP | VM_MIXEDMAP | VM_UFFD_WP;

    /** show_smap_vma_flags(): the two-letter name of each bit, indexed by bit number. */
    private static final String[] MNEMONICS = {
        "rd", "wr", "ex", "sh", "mr", "mw", "me", "ms", "gd", "um", "pf", null, "uw", "lo",
        "io", "sr", "rr", "dc", "de", "lf", "ac", "nr", "ht", "sf", "ar", "wf", "dd", "sd",
        "mm", "hg", "nh", "mg",
    };

    private VmFlags() {
    }

    /** calc_vm_prot_bits(): PROT_READ/WRITE/EXEC become VM_READ/WRITE/EXEC (same values). */
    public static long calcVmProtBits(int prot) {
        return (prot & Prot.READ) | (prot & Prot.WRITE) | (prot & Prot.EXEC);
    }

    /**
     * calc_vm_flag_bits(): MAP_GROWSDOWN gives VM_GROWSDOWN, MAP_LOCKED gives VM_LOCKED, and
     * MAP_STACK gives VM_NOHUGEPAGE (since 6.7: thread stacks should not get huge pages).
     */
    public static long calcVmFlagBits(int mapFlags) {
        long flags = 0;
        if ((mapFlags & MapFlags.GROWSDOWN) != 0) {
            flags |= VM_GROWSDOWN;
        }
        if ((mapFlags & MapFlags.LOCKED) != 0) {
            flags |= VM_LOCKED;
        }
        if ((mapFlags & MapFlags.STACK) != 0) {
            flags |= VM_NOHUGEPAGE;
        }
        return flags;
    }

    /** The PROT_* bits a VMA grants: the inverse of {@link #calcVmProtBits}. */
    public static int prot(long vmFlags) {
        return (int) (vmFlags & VM_ACCESS_FLAGS);
    }

    /** The permission column of /proc/PID/maps: r, w, x, then s for VM_MAYSHARE or p. */
    public static String permissions(long vmFlags) {
        return Prot.toMapsString(prot(vmFlags), (vmFlags & VM_MAYSHARE) != 0);
    }

    /** The "VmFlags:" line of /proc/PID/smaps, e.g. {@code rd wr mr mw me ac }. */
    public static String mnemonics(long vmFlags) {
        StringBuilder out = new StringBuilder();
        for (int bit = 0; bit < MNEMONICS.length; bit++) {
            if ((vmFlags & (1L << bit)) != 0 && MNEMONICS[bit] != null) {
                out.append(MNEMONICS[bit]).append(' ');
            }
        }
        return out.toString();
    }

    /** VM_SPECIAL mappings are never merged. */
    public static boolean isSpecial(long vmFlags) {
        return (vmFlags & VM_SPECIAL) != 0;
    }

    /**
     * map_deny_write_exec() of include/linux/mman.h: with MDWE (prctl PR_SET_MDWE,
     * PR_MDWE_REFUSE_EXEC_GAIN) a mapping may not be writable and executable at once, and may
     * not gain PROT_EXEC. For mmap the old and new flags are the same.
     */
    public static boolean mapDenyWriteExec(boolean mdwe, long oldFlags, long newFlags) {
        if (!mdwe) {
            return false;
        }
        if ((newFlags & VM_EXEC) != 0 && (newFlags & VM_WRITE) != 0) {
            return true;
        }
        return (oldFlags & VM_EXEC) == 0 && (newFlags & VM_EXEC) != 0;
    }

    /** vm_stat_account()'s classes: is_exec_mapping(). */
    static boolean isExecMapping(long flags) {
        return (flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC;
    }

    /** is_stack_mapping(). */
    static boolean isStackMapping(long flags) {
        return (flags & VM_STACK) == VM_STACK;
    }

    /** is_data_mapping(): private writable, not stack. */
    static boolean isDataMapping(long flags) {
        return (flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE;
    }
}
