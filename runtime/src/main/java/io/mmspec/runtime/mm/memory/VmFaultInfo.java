package io.mmspec.runtime.mm.memory;

import io.mmspec.runtime.arch.MmuContext;
import io.mmspec.runtime.mm.mmap.AnonVma;
import io.mmspec.runtime.mm.mmap.Mmap;
import io.mmspec.runtime.mm.mmap.MmStruct;
import io.mmspec.runtime.mm.mmap.Vma;

/**
 * The fault being handled (struct vm_fault): where, what access, in which VMA, plus what the
 * handler did, for the accounting and the trace. One instance is reused for every fault so the
 * fault path allocates nothing; it is only valid during one fault.
 */
public final class VmFaultInfo {
    /** How the fault was resolved, in the kernel's words (for the trace's narration). */
    public enum Kind {
        ANON_ZERO_PAGE("read of untouched anonymous memory -> shared zero page"),
        ANON_NEW_PAGE("write to untouched anonymous memory -> zeroed page"),
        THP_NEW_PAGE("anonymous fault in an aligned 2 MB range -> huge page"),
        THP_ZERO_PAGE("read of an aligned 2 MB range -> huge zero page"),
        FILE_READ("file-backed read"),
        FILE_COW("private write to a file page -> copy"),
        FILE_SHARED_WRITE("shared write to a file page -> dirty"),
        COW_COPY("write to a shared page -> copy on write"),
        COW_ZERO("write to the zero page -> zeroed page"),
        WP_REUSE("write to an exclusive page -> reuse, no copy"),
        WP_SHARED("write to a shared file mapping -> dirty, writable"),
        SWAP_IN("swapped-out page -> swap in"),
        SIGSEGV("no access"),
        SIGBUS("past the end of the file");

        private final String narration;

        Kind(String narration) {
            this.narration = narration;
        }

        public String narration() {
            return narration;
        }
    }

    private final Mmap mmap;
    MmStruct mm;
    MmuContext context;
    Vma vma;
    long address;
    boolean write;
    boolean exec;
    int pid;
    int cpu;

    Kind kind;
    boolean cacheMiss;
    long ioNs;
    int order;
    long pfn;

    VmFaultInfo(Mmap mmap) {
        this.mmap = mmap;
    }

    /** anon_vma_prepare(): the VMA's anon_vma, created (or shared with a neighbour) on first use. */
    AnonVma anonVma() {
        vma = mmap.anonVmaPrepare(mm, vma);
        return vma.anonVma();
    }

    void reset(MmStruct mm, MmuContext context, long address, boolean write, boolean exec, int pid, int cpu) {
        this.mm = mm;
        this.context = context;
        this.vma = null;
        this.address = address;
        this.write = write;
        this.exec = exec;
        this.pid = pid;
        this.cpu = cpu;
        this.kind = null;
        this.cacheMiss = false;
        this.ioNs = 0;
        this.order = 0;
        this.pfn = -1;
    }

    public long address() {
        return address;
    }

    public Kind kind() {
        return kind;
    }

    public boolean cacheMiss() {
        return cacheMiss;
    }

    public long ioNs() {
        return ioNs;
    }

    public int order() {
        return order;
    }

    public long pfn() {
        return pfn;
    }

    public Vma vma() {
        return vma;
    }
}
