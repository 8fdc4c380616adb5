package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SHIFT;

/**
 * struct vm_area_struct: one contiguous range of a process's address space with one set of
 * flags, one backing (a file at a page offset, or anonymous memory) and one anon_vma.
 *
 * <p>An immutable value: every change (split, merge, new flags, an anon_vma assigned on the
 * first fault) replaces the VMA in its {@link MmStruct} by a new one. Hold a VMA only for the
 * duration of one operation and look it up again afterwards. Identity is object identity, like
 * the kernel's pointers: two VMAs with the same fields in two processes are two VMAs.
 *
 * <p>{@code pgoff} is vm_pgoff: the file page at {@code start}, or for private anonymous memory
 * {@code start >> PAGE_SHIFT} at mmap time (kept by mremap, so that moved pages keep their
 * index and rmap still finds them).
 */
public final class Vma {
    private final long start;
    private final long end;
    private final long flags;
    private final MappedFile file;
    private final long pgoff;
    private final AnonVma anonVma;
    private final String anonName;

    Vma(long start, long end, long flags, MappedFile file, long pgoff, AnonVma anonVma,
            String anonName) {
        if (start >= end || ((start | end) & (X86MmapLayout.PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException(
                    String.format("bad VMA range %#x-%#x", start, end));
        }
        this.start = start;
        this.end = end;
        this.flags = flags;
        this.file = file;
        this.pgoff = pgoff;
        this.anonVma = anonVma;
        this.anonName = anonName;
    }

    /** vm_start, inclusive. */
    public long start() {
        return start;
    }

    /** vm_end, exclusive. */
    public long end() {
        return end;
    }

    /** vm_flags: VM_* bits, see {@link VmFlags}. */
    public long flags() {
        return flags;
    }

    /** vm_file, or null for anonymous memory. */
    public MappedFile file() {
        return file;
    }

    /** vm_pgoff. */
    public long pgoff() {
        return pgoff;
    }

    /** The anon_vma, or null before the first anonymous fault (or on a VM_WIPEONFORK child). */
    public AnonVma anonVma() {
        return anonVma;
    }

    /** anon_vma_name (prctl PR_SET_VMA_ANON_NAME), printed as [anon:NAME]; null if none. */
    public String anonName() {
        return anonName;
    }

    public long length() {
        return end - start;
    }

    /** vma_pages(). */
    public long pages() {
        return (end - start) >>> PAGE_SHIFT;
    }

    public boolean contains(long addr) {
        return addr >= start && addr < end;
    }

    /** vma_is_anonymous(): no file at all (a shared anonymous mapping has a shmem file). */
    public boolean isAnonymous() {
        return file == null;
    }

    /** vma_is_shmem() for the shared anonymous case. */
    public boolean isShmem() {
        return file instanceof ShmemFile;
    }

    /** VM_SHARED: writes go to the file (or shmem) and are seen by every mapper. */
    public boolean isShared() {
        return (flags & VmFlags.VM_SHARED) != 0;
    }

    public boolean hasFlags(long mask) {
        return (flags & mask) == mask;
    }

    /** PROT_* bits of the VMA. */
    public int prot() {
        return VmFlags.prot(flags);
    }

    /** linear_page_index(): the page index (file page, or anonymous index) of {@code addr}. */
    public long pgoffAt(long addr) {
        return pgoff + ((addr - start) >>> PAGE_SHIFT);
    }

    /** vma_address(): where page index {@code index} is mapped in this VMA. */
    public long addressOf(long index) {
        return start + ((index - pgoff) << PAGE_SHIFT);
    }

    boolean coversPgoff(long index) {
        return index >= pgoff && index - pgoff < pages();
    }

    /** The same VMA cut or grown to [newStart, newEnd), vm_pgoff following vm_start. */
    Vma withRange(long newStart, long newEnd) {
        long newPgoff = pgoff + ((newStart - start) >> PAGE_SHIFT);
        return new Vma(newStart, newEnd, flags, file, newPgoff, anonVma, anonName);
    }

    Vma withFlags(long newFlags) {
        return new Vma(start, end, newFlags, file, pgoff, anonVma, anonName);
    }

    Vma withAnonVma(AnonVma newAnonVma) {
        return new Vma(start, end, flags, file, pgoff, newAnonVma, anonName);
    }

    @Override
    public String toString() {
        return String.format("%x-%x %s %s pgoff=%x%s", start, end, VmFlags.permissions(flags),
                file == null ? "anon" : file.path(), pgoff,
                anonVma == null ? "" : " " + anonVma);
    }
}
