package io.mmspec.runtime.mm.mmap;

/**
 * The layout fields of struct mm_struct: where mmap searches start (mmap_base, and
 * mmap_legacy_base for the bottom-up fallback), and where execve put the program (start_code
 * ... end_data), the heap (start_brk, brk) and the stack (start_stack). Set by
 * {@link Mmap#mmAlloc}, {@link Mmap#loadElfBinary} and {@link Mmap#brk}.
 */
public final class MmLayout {
    private boolean topdown;
    private long mmapBase;
    private long mmapLegacyBase;
    private long startCode;
    private long endCode;
    private long startData;
    private long endData;
    private long startBrk;
    private long brk;
    private long startStack;

    /** MMF_TOPDOWN: mmap searches down from mmap_base (the default layout). */
    public boolean topdown() {
        return topdown;
    }

    public long mmapBase() {
        return mmapBase;
    }

    public long mmapLegacyBase() {
        return mmapLegacyBase;
    }

    public long startCode() {
        return startCode;
    }

    public long endCode() {
        return endCode;
    }

    public long startData() {
        return startData;
    }

    public long endData() {
        return endData;
    }

    public long startBrk() {
        return startBrk;
    }

    /** The current program break (not page aligned if the program asked for an odd size). */
    public long brk() {
        return brk;
    }

    public long startStack() {
        return startStack;
    }

    void setMmap(boolean topdown, long mmapBase, long mmapLegacyBase) {
        this.topdown = topdown;
        this.mmapBase = mmapBase;
        this.mmapLegacyBase = mmapLegacyBase;
    }

    void setCode(long start, long end) {
        this.startCode = start;
        this.endCode = end;
    }

    void setData(long start, long end) {
        this.startData = start;
        this.endData = end;
    }

    void setStartBrk(long startBrk) {
        this.startBrk = startBrk;
        this.brk = startBrk;
    }

    void setBrk(long brk) {
        this.brk = brk;
    }

    void setStartStack(long startStack) {
        this.startStack = startStack;
    }

    void copyFrom(MmLayout other) {
        setMmap(other.topdown, other.mmapBase, other.mmapLegacyBase);
        setCode(other.startCode, other.endCode);
        setData(other.startData, other.endData);
        this.startBrk = other.startBrk;
        this.brk = other.brk;
        this.startStack = other.startStack;
    }
}
