package io.mmspec.runtime.mm.mmap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * struct mm_struct: one address space. The VMAs sit in a tree keyed by vm_start (the kernel's
 * maple tree mm_mt) with O(log n) find_vma, find_vma_prev and vma_lookup; beside them the
 * counters of include/linux/mm_types.h (map_count, total_vm, locked_vm, data_vm, exec_vm,
 * stack_vm, the RSS counters, hiwater_rss/vm, pgtables_bytes) and the layout (mmap_base,
 * start_code ... start_stack). The vm counters are charged by vm_stat_account() whenever a VMA
 * enters or leaves the tree, so they always equal what the VMAs add up to.
 *
 * <p>The VMA tree changes only through {@link Mmap}; this class is the state and its checks.
 */
public final class MmStruct {
    private final TreeMap<Long, Vma> mmMt = new TreeMap<>();
    private final GapIndex gaps = new GapIndex(X86MmapLayout.TASK_SIZE);
    private final FileRmap fileRmap;
    private int mapCount;
    private long totalVm;
    private long lockedVm;
    private long dataVm;
    private long execVm;
    private long stackVm;
    private final long[] rssStat = new long[MmCounter.values().length];
    private long hiwaterRss;
    private long hiwaterVm;
    private long pgtablesBytes;
    private final MmLayout layout = new MmLayout();
    private long defFlags;
    private boolean mdwe;
    private Object pageTables;
    /** Boundaries where the kernel left mergeable VMAs unmerged (fork copies, brk). */
    private final TreeSet<Long> unmergedBoundaries = new TreeSet<>();

    MmStruct(FileRmap fileRmap) {
        this.fileRmap = fileRmap;
    }

    // ---- lookups -------------------------------------------------------------------------

    /** find_vma(): the first VMA that ends above {@code addr}, or null. */
    public Vma findVma(long addr) {
        Map.Entry<Long, Vma> below = mmMt.floorEntry(addr);
        if (below != null && below.getValue().end() > addr) {
            return below.getValue();
        }
        Map.Entry<Long, Vma> above = mmMt.higherEntry(addr);
        return above == null ? null : above.getValue();
    }

    /** vma_lookup(): the VMA containing {@code addr}, or null. */
    public Vma vmaLookup(long addr) {
        Map.Entry<Long, Vma> below = mmMt.floorEntry(addr);
        return below != null && below.getValue().end() > addr ? below.getValue() : null;
    }

    /** find_vma_prev(): the last VMA that starts below {@code vma}'s start, or null. */
    public Vma findVmaPrev(Vma vma) {
        Map.Entry<Long, Vma> prev = mmMt.lowerEntry(vma.start());
        return prev == null ? null : prev.getValue();
    }

    /** vma_next(): the VMA after {@code vma}, or null. */
    public Vma vmaNext(Vma vma) {
        Map.Entry<Long, Vma> next = mmMt.higherEntry(vma.start());
        return next == null ? null : next.getValue();
    }

    /** The last VMA starting below {@code addr} (the prev of a range starting at addr). */
    Vma vmaBefore(long addr) {
        Map.Entry<Long, Vma> prev = mmMt.lowerEntry(addr);
        return prev == null ? null : prev.getValue();
    }

    /** find_vma_intersection(): the first VMA overlapping [start, end), or null. */
    public Vma findVmaIntersection(long start, long end) {
        Vma vma = findVma(start);
        return vma != null && vma.start() < end ? vma : null;
    }

    /** The VMAs overlapping [start, end), in address order. */
    public List<Vma> vmasIn(long start, long end) {
        List<Vma> out = new ArrayList<>();
        Vma first = findVma(start);
        if (first == null) {
            return out;
        }
        for (Vma vma : mmMt.tailMap(first.start(), true).values()) {
            if (vma.start() >= end) {
                break;
            }
            out.add(vma);
        }
        return out;
    }

    /** The first unmapped address in [start, end), or -1 if the range is fully mapped. */
    public long firstHole(long start, long end) {
        long cursor = start;
        for (Vma vma : vmasIn(start, end)) {
            if (vma.start() > cursor) {
                return cursor;
            }
            cursor = vma.end();
        }
        return cursor < end ? cursor : -1;
    }

    /** Every VMA in address order (read-only view; the iteration a /proc/PID/maps read does). */
    public Collection<Vma> vmas() {
        return Collections.unmodifiableCollection(mmMt.values());
    }

    // ---- counters ------------------------------------------------------------------------

    public int mapCount() {
        return mapCount;
    }

    /** total_vm in pages (VmSize). */
    public long totalVm() {
        return totalVm;
    }

    /** locked_vm in pages (VmLck): pages of VM_LOCKED VMAs. */
    public long lockedVm() {
        return lockedVm;
    }

    /** data_vm in pages (VmData): private writable, non-stack. */
    public long dataVm() {
        return dataVm;
    }

    /** exec_vm in pages (VmExe + VmLib): executable, not writable. */
    public long execVm() {
        return execVm;
    }

    /** stack_vm in pages (VmStk). */
    public long stackVm() {
        return stackVm;
    }

    /** add_mm_counter(). */
    public void addCounter(MmCounter member, long pages) {
        rssStat[member.ordinal()] += pages;
    }

    /** get_mm_counter(). */
    public long counter(MmCounter member) {
        return rssStat[member.ordinal()];
    }

    /** get_mm_rss(): file + anon + shmem pages. */
    public long rss() {
        return counter(MmCounter.MM_FILEPAGES) + counter(MmCounter.MM_ANONPAGES)
                + counter(MmCounter.MM_SHMEMPAGES);
    }

    /** update_hiwater_rss(): called before pages are unmapped, so the peak is not lost. */
    public void updateHiwaterRss() {
        hiwaterRss = Math.max(hiwaterRss, rss());
    }

    /** get_mm_hiwater_rss() (VmHWM), in pages. */
    public long hiwaterRss() {
        return Math.max(hiwaterRss, rss());
    }

    /** update_hiwater_vm(). */
    public void updateHiwaterVm() {
        hiwaterVm = Math.max(hiwaterVm, totalVm);
    }

    /** get_mm_hiwater_vm() (VmPeak), in pages. */
    public long hiwaterVm() {
        return Math.max(hiwaterVm, totalVm);
    }

    /** mm_pgtables_bytes(): kept by the page-table code. */
    public long pgtablesBytes() {
        return pgtablesBytes;
    }

    public void addPgtablesBytes(long bytes) {
        pgtablesBytes += bytes;
    }

    // ---- layout and per-mm policy --------------------------------------------------------

    /** mmap_base, start_code ... start_stack. */
    public MmLayout layout() {
        return layout;
    }

    /** mm->def_flags: VM_LOCKED after mlockall(MCL_FUTURE), VM_NOHUGEPAGE after THP_DISABLE. */
    public long defFlags() {
        return defFlags;
    }

    public void setDefFlags(long flags) {
        this.defFlags = flags;
    }

    /** MMF_HAS_MDWE: prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN); inherited by fork and exec. */
    public boolean mdwe() {
        return mdwe;
    }

    public void setMdwe(boolean refuseExecGain) {
        this.mdwe = refuseExecGain;
    }

    /** The page tables (pgd) and whatever else the arch code pins to this mm. */
    public Object pageTables() {
        return pageTables;
    }

    public void setPageTables(Object pgd) {
        this.pageTables = pgd;
    }

    void setMmapLayout(boolean topdown, long mmapBase, long legacyBase) {
        layout.setMmap(topdown, mmapBase, legacyBase);
    }

    FileRmap fileRmap() {
        return fileRmap;
    }

    GapIndex gaps() {
        return gaps;
    }

    // ---- the tree itself (package-private: only Mmap's operations change it) -------------

    /** vma_iter_store_new() + map_count++ + vm_stat_account() + the rmap links. */
    void insert(Vma vma) {
        if (mmMt.containsKey(vma.start())) {
            throw new IllegalStateException("VMA already at " + Long.toHexString(vma.start()));
        }
        gaps.occupy(vma.start(), vma.end());
        mmMt.put(vma.start(), vma);
        mapCount++;
        statAccount(vma.flags(), vma.pages());
        AnonVma.linkChain(vma, this);
        fileRmap.link(vma, this);
    }

    /** The inverse of {@link #insert}. */
    void remove(Vma vma) {
        if (mmMt.get(vma.start()) != vma) {
            throw new IllegalStateException("not in this mm: " + vma);
        }
        mmMt.remove(vma.start());
        gaps.release(vma.start(), vma.end());
        mapCount--;
        statAccount(vma.flags(), -vma.pages());
        AnonVma.unlinkChain(vma);
        fileRmap.unlink(vma);
    }

    void replace(Vma old, Vma replacement) {
        remove(old);
        insert(replacement);
    }

    /** __split_vma() without the map_count check: returns {lower, upper}. */
    Vma[] split(Vma vma, long addr) {
        Vma lower = vma.withRange(vma.start(), addr);
        Vma upper = vma.withRange(addr, vma.end());
        remove(vma);
        insert(lower);
        insert(upper);
        return new Vma[] {lower, upper};
    }

    /**
     * Records that the VMAs meeting at {@code addr} may be mergeable and were left apart, as
     * the kernel leaves them when no operation tried to merge there (dup_mmap() copies the
     * parent's VMAs one by one; brk never merges below start_brk).
     */
    void addUnmergedBoundary(long addr) {
        unmergedBoundaries.add(addr);
    }

    /** An operation tried to merge at {@code addr}: from now on they must be apart for a reason. */
    void clearUnmergedBoundary(long addr) {
        unmergedBoundaries.remove(addr);
    }

    void clearUnmergedBoundaries(long start, long end) {
        unmergedBoundaries.subSet(start, true, end, true).clear();
    }

    boolean isUnmergedBoundary(long addr) {
        return unmergedBoundaries.contains(addr);
    }

    /** vm_stat_account(), with locked_vm following VM_LOCKED. */
    private void statAccount(long flags, long pages) {
        totalVm += pages;
        if (VmFlags.isExecMapping(flags)) {
            execVm += pages;
        } else if (VmFlags.isStackMapping(flags)) {
            stackVm += pages;
        } else if (VmFlags.isDataMapping(flags)) {
            dataVm += pages;
        }
        if ((flags & VmFlags.VM_LOCKED) != 0) {
            lockedVm += pages;
        }
    }

    /** validate_mm(): see {@link MmInvariants}. */
    public void checkInvariants() {
        MmInvariants.check(this, mmMt, new long[] {mapCount, totalVm, lockedVm, dataVm, execVm,
            stackVm}, rssStat);
    }
}
