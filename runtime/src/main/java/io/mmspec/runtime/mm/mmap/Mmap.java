package io.mmspec.runtime.mm.mmap;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

/**
 * The address-space system calls of one machine: mmap, munmap, the flag changes under
 * mprotect/madvise/mlock, brk, mremap, fork's copy, exit, execve's mappings, and the two
 * things the page-fault handler needs (the VMA of a faulting address, growing the stack; an
 * anon_vma for the first anonymous page). Mirrors mm/mmap.c, mm/vma.c, mm/mremap.c,
 * mm/util.c and the mapping half of fs/binfmt_elf.c; see each helper class for the function
 * it follows.
 *
 * <p>Errors are thrown as {@link io.mmspec.runtime.uapi.SyscallException} with the kernel's
 * errno. Page tables are never touched here: {@link PageRangeOps} is called for that.
 */
public final class Mmap {
    private final MmapConfig config;
    private final PageRangeOps ops;
    private final UnmappedArea unmappedArea;
    private final DoMmap doMmap;
    private final FileRmap fileRmap = new FileRmap();
    private long nextAnonVmaId = 1;
    /** get_next_ino() for the shmem files of shared anonymous mappings. */
    private long nextShmemIno = 1;

    public Mmap(MmapConfig config, PageRangeOps ops) {
        this.config = config;
        this.ops = ops;
        this.unmappedArea = new UnmappedArea(config);
        this.doMmap = new DoMmap(this);
    }

    public MmapConfig config() {
        return config;
    }

    /** The i_mmap trees of every file mapped on this machine (rmap for page-cache pages). */
    public FileRmap fileRmap() {
        return fileRmap;
    }

    /**
     * mm_alloc() + arch_pick_mmap_layout(): an empty address space with its mmap_base. With
     * ASLR on ({@link MmapConfig#randomize()}) one number is drawn from {@code random}.
     */
    public MmStruct mmAlloc(SplittableRandom random) {
        MmStruct mm = newMm();
        X86MmapLayout.archPickMmapLayout(mm, config, random);
        mm.setMdwe(config.denyWriteExec());
        return mm;
    }

    /** mmap(2): the address of the new mapping. */
    public long mmap(MmStruct mm, long addr, long len, int prot, int flags, MappedFile file,
            long pgoff) {
        return doMmap(mm, addr, len, prot, flags, file, pgoff).addr();
    }

    /** do_mmap(): the address, and how much the caller must populate (MAP_POPULATE). */
    public MmapResult doMmap(MmStruct mm, long addr, long len, int prot, int flags,
            MappedFile file, long pgoff) {
        return doMmap.doMmap(mm, addr, len, prot, flags, file, pgoff);
    }

    /** munmap(2): unmaps every page of [start, start+len); unmapping nothing succeeds. */
    public void munmap(MmStruct mm, long start, long len) {
        Munmap.munmap(this, mm, start, len);
    }

    /**
     * vma_modify_flags() over [start, end) (page aligned): each VMA's flags become
     * {@code newFlags(old)}, splitting at the edges and merging with neighbours. Holes are
     * skipped (use {@link MmStruct#firstHole} to refuse them, as mprotect does). Returns the
     * VMAs now overlapping the range, for the caller to rewrite the PTEs.
     */
    public List<Vma> modifyFlags(MmStruct mm, long start, long end, LongUnaryOperator newFlags) {
        return VmaModify.modifyFlags(this, mm, start, end, newFlags);
    }

    /** brk(2): the new break, or the old one if it cannot move. */
    public long brk(MmStruct mm, long newBrk) {
        return Brk.brk(this, mm, newBrk);
    }

    /** mremap(2) with flags 0 or {@link Mremap#MREMAP_MAYMOVE}: the (new) address. */
    public long mremap(MmStruct mm, long addr, long oldLen, long newLen, int flags) {
        return Mremap.mremap(this, mm, addr, oldLen, newLen, flags);
    }

    /** dup_mmap(): the child's address space for fork. */
    public MmStruct dupMmap(MmStruct parent) {
        return DupMmap.dupMmap(this, parent);
    }

    /** exit_mmap(): unmap everything (exit, or the old mm of an execve). */
    public void exitMmap(MmStruct mm) {
        Munmap.exitMmap(this, mm);
    }

    /** load_elf_binary()'s mappings in a new mm; {@code random} may be null with ASLR off. */
    public ExecLayout loadElfBinary(ElfBinary elf, SplittableRandom random) {
        return ElfLoader.loadElfBinary(this, elf, random);
    }

    /** lock_mm_and_find_vma(): the VMA holding a faulting address (growing a stack), or null. */
    public Vma findVmaForFault(MmStruct mm, long addr) {
        return StackGrowth.findVmaForFault(this, mm, addr);
    }

    /**
     * __anon_vma_prepare(): the VMA with an anon_vma, reusing a compatible neighbour's
     * (find_mergeable_anon_vma()) so the two can still merge. Call before the first anonymous
     * page goes into a VMA (anonymous write fault, private file COW); the returned VMA
     * replaces {@code vma}.
     */
    public Vma anonVmaPrepare(MmStruct mm, Vma vma) {
        if (vma.anonVma() != null) {
            return vma;
        }
        AnonVma anonVma = findMergeableAnonVma(mm, vma);
        Vma prepared = vma.withAnonVma(anonVma != null ? anonVma : newAnonVma());
        mm.replace(vma, prepared);
        return prepared;
    }

    /** find_mergeable_anon_vma(): next first, then prev (reusable_anon_vma()). */
    private static AnonVma findMergeableAnonVma(MmStruct mm, Vma vma) {
        Vma next = mm.vmaNext(vma);
        if (next != null && anonVmaCompatible(vma, next) && reusable(next)) {
            return next.anonVma();
        }
        Vma prev = mm.findVmaPrev(vma);
        if (prev != null && anonVmaCompatible(prev, vma) && reusable(prev)) {
            return prev.anonVma();
        }
        return null;
    }

    /** anon_vma_compatible(): could merge but for the access bits. */
    private static boolean anonVmaCompatible(Vma a, Vma b) {
        long ignored = VmFlags.VM_ACCESS_FLAGS | VmFlags.VM_SOFTDIRTY;
        return a.end() == b.start() && a.file() == b.file()
                && ((a.flags() ^ b.flags()) & ~ignored) == 0
                && b.pgoff() == a.pgoff() + a.pages();
    }

    /** An anon_vma may be shared if its VMA's chain is singular (not a fork child). */
    private static boolean reusable(Vma old) {
        return old.anonVma() != null && old.anonVma().parent() == null;
    }

    // ---- for the helper classes ----------------------------------------------------------

    PageRangeOps ops() {
        return ops;
    }

    UnmappedArea unmappedArea() {
        return unmappedArea;
    }

    MmStruct newMm() {
        return new MmStruct(fileRmap);
    }

    AnonVma newAnonVma() {
        return new AnonVma(nextAnonVmaId++, null);
    }

    /** anon_vma_fork(): the child's anon_vma, chained to the parent's. */
    AnonVma anonVmaFork(AnonVma parent) {
        return new AnonVma(nextAnonVmaId++, parent);
    }

    /** shmem_zero_setup(): a fresh shmem file for a shared anonymous mapping. */
    ShmemFile shmemZeroSetup(long size) {
        return new ShmemFile(nextShmemIno++, size);
    }
}
