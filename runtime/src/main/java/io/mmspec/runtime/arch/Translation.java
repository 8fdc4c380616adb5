package io.mmspec.runtime.arch;

import io.mmspec.runtime.uapi.AccessType;

/**
 * The outcome of one {@link Mmu#translate}: a physical address, or the #PF error code the CPU
 * would push (or a #GP for a non-canonical address). To keep the hot path free of allocation,
 * each CPU owns one Translation that every translate on that CPU overwrites: read it before
 * translating again on the same CPU, or copy what you need.
 */
public final class Translation {
    private long vaddr;
    private AccessType access;
    private boolean ok;
    private boolean tlbHit;
    private boolean generalProtection;
    private long physicalAddress;
    private long entry;
    private int errorCode;
    private int walkReads;

    Translation() {
    }

    void start(long address, AccessType type) {
        vaddr = address;
        access = type;
        ok = false;
        tlbHit = false;
        generalProtection = false;
        physicalAddress = -1;
        entry = 0;
        errorCode = 0;
        walkReads = 0;
    }

    void succeed(long leaf, boolean fromTlb, int reads) {
        ok = true;
        tlbHit = fromTlb;
        entry = leaf;
        walkReads = reads;
        long within = Pte.isHuge(leaf) ? vaddr & (Paging.PMD_SIZE - 1) : vaddr & (Paging.PAGE_SIZE - 1);
        physicalAddress = (Pte.pfn(leaf) << Paging.PAGE_SHIFT) + within;
    }

    void fault(int code, long leaf, boolean fromTlb, int reads) {
        errorCode = code;
        entry = leaf;
        tlbHit = fromTlb;
        walkReads = reads;
    }

    void generalProtectionFault() {
        generalProtection = true;
    }

    public long vaddr() {
        return vaddr;
    }

    public AccessType access() {
        return access;
    }

    /** Whether the access may proceed. */
    public boolean ok() {
        return ok;
    }

    /** Whether a page fault (#PF) was raised; see {@link #errorCode()}. */
    public boolean pageFault() {
        return !ok && !generalProtection;
    }

    /** A non-canonical address: #GP, which Linux turns into SIGSEGV without a page fault. */
    public boolean generalProtection() {
        return generalProtection;
    }

    /** Whether the TLB answered (also for a protection fault raised from a cached entry). */
    public boolean tlbHit() {
        return tlbHit;
    }

    /** The physical address, or -1 when the access faulted. */
    public long physicalAddress() {
        return physicalAddress;
    }

    public long pfn() {
        return ok ? physicalAddress >>> Paging.PAGE_SHIFT : -1;
    }

    /** The leaf used (as cached, or as walked); on a not-present fault the entry that stopped the walk. */
    public long entry() {
        return entry;
    }

    /** Whether a 2 MB leaf mapped the address. */
    public boolean huge() {
        return ok && Pte.isHuge(entry);
    }

    /** The x86 #PF error code ({@link PfErrorCode}); 0 when the access succeeded. */
    public int errorCode() {
        return errorCode;
    }

    /** Paging-structure entries read by the walk: 0 on a TLB hit, 4 for a 4 KB page, 3 for 2 MB. */
    public int walkReads() {
        return walkReads;
    }

    @Override
    public String toString() {
        String where = String.format("%s 0x%x", access, vaddr);
        if (generalProtection) {
            return where + ": #GP (non-canonical)";
        }
        if (!ok) {
            return where + ": #PF error " + PfErrorCode.describe(errorCode) + " after " + walkReads + " reads";
        }
        return String.format("%s → 0x%x (%s)", where, physicalAddress, tlbHit ? "TLB hit" : walkReads + " reads");
    }
}
