package io.mmspec.runtime.arch;

import static io.mmspec.runtime.arch.Paging.LEVEL_PGD;
import static io.mmspec.runtime.arch.Paging.LEVEL_PMD;
import static io.mmspec.runtime.arch.Paging.LEVEL_PTE;

import java.util.ArrayList;
import java.util.List;

/**
 * The 4-level page table of one address space: a sparse radix tree PML4 → PDPT → PD → PT of
 * 512-entry tables, each a real page from the {@link PageTableAllocator}. Mirrors the x86-64
 * layout of arch/x86/include/asm/pgtable_64.h and the generic walkers of mm/memory.c
 * (__pte_alloc, __pmd_alloc, free_pgd_range) and mm/huge_memory.c (set_pmd_at,
 * __split_huge_pmd_locked, pgtable_trans_huge_deposit).
 *
 * <pre>
 * CR3 ──► PML4 ──[i]──► PDPT ──[j]──► PD ──[k]──► PT ──[l]──► 4 KB page
 *                                      └──[k']── PSE leaf ───► 2 MB page
 * </pre>
 *
 * Only the tables a mapping needs exist: one page mapped costs the PML4 plus a PDPT, a PD and a
 * PT. Entries pointing to a lower table carry {@link Pte#PAGE_TABLE} (0x67). Only user
 * addresses [0, 2^47) are accepted; 1 GB PUD leaves are not modelled.
 */
public final class PageTable {
    private final PageTableAllocator allocator;
    private final Table pgd;
    private long tablePages;
    private boolean destroyed;

    /** pgd_alloc(): allocates the PML4. */
    public PageTable(PageTableAllocator allocator) {
        this.allocator = allocator;
        this.pgd = newTable(LEVEL_PGD);
    }

    /** The value CR3 holds for this address space (without PCID bits): the PML4's address. */
    public long cr3() {
        return pgd.physicalAddress();
    }

    /**
     * Table pages in use, the PML4 and deposited tables included: what NR_PAGETABLE (meminfo
     * PageTables) counts, since 6.18 accounts every level (pagetable_pgd_ctor included).
     */
    public long tablePages() {
        return tablePages;
    }

    /**
     * mm_pgtables_bytes(): the PUD, PMD and PTE tables (deposits included, as mm_inc_nr_ptes
     * counts them at THP fault time) but not the PGD; oom_badness adds this / PAGE_SIZE.
     */
    public long pgtablesBytes() {
        return destroyed ? 0 : (tablePages - 1) * Paging.PAGE_SIZE;
    }

    /** The leaf entry mapping vaddr: a PTE, or a PMD leaf for a 2 MB mapping; 0 if none. */
    public long pte(long vaddr) {
        Paging.requireUser(vaddr);
        Table pmdTable = lookup(vaddr, LEVEL_PMD);
        if (pmdTable == null) {
            return 0;
        }
        int k = Paging.index(LEVEL_PMD, vaddr);
        Table pt = pmdTable.children[k];
        return pt == null ? pmdTable.entries[k] : pt.entries[Paging.index(LEVEL_PTE, vaddr)];
    }

    /**
     * pmd_none(): no PT table and no leaf at the PMD covering vaddr, the condition for a THP
     * fault (do_huge_pmd_anonymous_page) to map 2 MB there.
     */
    public boolean pmdNone(long vaddr) {
        Paging.requireUser(vaddr);
        Table pd = lookup(vaddr, LEVEL_PMD);
        return pd == null || pd.entries[Paging.index(LEVEL_PMD, vaddr)] == 0;
    }

    /** set_pte_at(): stores a 4 KB leaf, allocating missing tables. A PMD leaf in the way is an error. */
    public void setPte(long vaddr, long pte) {
        Paging.requireUser(vaddr);
        if (Pte.isHuge(pte)) {
            throw new IllegalArgumentException("bit 7 is PAT in a PTE and PAT is not modelled: " + Pte.describe(pte));
        }
        if (pte == 0) {
            clearPte(vaddr);
            return;
        }
        ensure(vaddr, LEVEL_PTE).set(Paging.index(LEVEL_PTE, vaddr), pte);
    }

    /** ptep_get_and_clear(): empties the PTE mapping vaddr and returns what it held. */
    public long clearPte(long vaddr) {
        Paging.requireUser(vaddr);
        Table pt = lookup(vaddr, LEVEL_PTE);
        return pt == null ? 0 : pt.set(Paging.index(LEVEL_PTE, vaddr), 0);
    }

    /** set_pmd_at() for a 2 MB-aligned huge leaf, without a deposited table. */
    public void setPmdLeaf(long vaddr, long entry) {
        setPmdLeaf(vaddr, entry, false);
    }

    /**
     * set_pmd_at(): maps 2 MB at a PMD-aligned address. Refused if a PT table exists below that
     * PMD. With {@code depositTable}, a PT page is allocated now and kept for a later split, as
     * the THP fault path deposits one (pgtable_trans_huge_deposit); it counts in tablePages.
     */
    public void setPmdLeaf(long vaddr, long entry, boolean depositTable) {
        Paging.requireUser(vaddr);
        Paging.requirePmdAligned(vaddr);
        Pte.requirePmdLeaf(entry);
        Table pd = ensure(vaddr, LEVEL_PMD);
        int k = Paging.index(LEVEL_PMD, vaddr);
        if (pd.children[k] != null) {
            throw new IllegalStateException(String.format(
                    "PMD at 0x%x points to a page table; clear its PTEs and free it first", vaddr));
        }
        if (depositTable && pd.deposit(k) == Table.NO_DEPOSIT) {
            pd.setDeposit(k, allocPage());
        }
        pd.set(k, entry);
    }

    /** pmdp_huge_get_and_clear() + zap_deposited_table(): removes a PMD leaf, returns it. */
    public long clearPmdLeaf(long vaddr) {
        Paging.requireUser(vaddr);
        Paging.requirePmdAligned(vaddr);
        Table pd = lookup(vaddr, LEVEL_PMD);
        if (pd == null) {
            return 0;
        }
        int k = Paging.index(LEVEL_PMD, vaddr);
        if (pd.children[k] != null) {
            throw new IllegalStateException(String.format("PMD at 0x%x is a table, not a leaf", vaddr));
        }
        freeDeposit(pd, k);
        return pd.set(k, 0);
    }

    /**
     * __split_huge_pmd_locked(): turns one present (or PROT_NONE) PMD leaf into a PT of 512 PTEs
     * mapping the same frames with the same flags, taking the deposited table or a new page.
     * The caller flushes the 2 MB TLB entry (flush_tlb_range with PMD stride).
     */
    public void splitPmdLeaf(long vaddr) {
        Paging.requireUser(vaddr);
        Paging.requirePmdAligned(vaddr);
        Table pd = lookup(vaddr, LEVEL_PMD);
        int k = Paging.index(LEVEL_PMD, vaddr);
        long pmd = pd == null || pd.children[k] != null ? 0 : pd.entries[k];
        if (!Pte.isHuge(pmd)) {
            throw new IllegalStateException(String.format("no huge PMD leaf at 0x%x to split", vaddr));
        }
        long deposited = pd.deposit(k);
        Table pt;
        if (deposited == Table.NO_DEPOSIT) {
            pt = newTable(LEVEL_PTE);
        } else {
            pd.setDeposit(k, Table.NO_DEPOSIT);
            pt = new Table(deposited, LEVEL_PTE);
        }
        long pfn = Pte.pfn(pmd);
        long flags = Pte.flags(pmd) & ~Pte.PSE;
        for (int i = 0; i < Paging.PTRS_PER_TABLE; i++) {
            pt.set(i, Pte.make(pfn + i, flags));
        }
        link(pd, k, pt);
    }

    /** The walk the hardware does for vaddr, recorded level by level (not for hot paths). */
    public Walk walk(long vaddr) {
        Paging.requireUser(vaddr);
        List<Walk.Step> steps = new ArrayList<>(4);
        Table table = pgd;
        while (true) {
            int index = Paging.index(table.level, vaddr);
            long entry = table.entries[index];
            steps.add(new Walk.Step(table.level, table.physicalAddress(), index, entry));
            boolean leaf = table.level == LEVEL_PTE || table.children[index] == null;
            if (leaf || (entry & Pte.PRESENT) == 0) {
                return new Walk(vaddr, Paging.index(LEVEL_PGD, vaddr), Paging.index(3, vaddr),
                        Paging.index(LEVEL_PMD, vaddr), Paging.index(LEVEL_PTE, vaddr),
                        (int) (vaddr & (Paging.PAGE_SIZE - 1)), steps, entry,
                        table.level == LEVEL_PMD && entry != 0);
            }
            table = table.children[index];
        }
    }

    /**
     * Visits every non-empty leaf (PTE or PMD leaf; present, PROT_NONE or swap) in [start, end)
     * in ascending address order and stores what the visitor returns. Absent subtrees cost one
     * bitmap word. A PMD leaf that is only partly inside the range is an error: split it first,
     * as zap_pmd_range and change_pmd_range do.
     */
    public void forEachLeaf(long start, long end, LeafVisitor visitor) {
        Paging.requireUserRange(start, end);
        if (start < end) {
            new LeafWalk(this, start, end, visitor).visit(pgd, 0);
        }
    }

    /**
     * free_pgtables(): releases the page tables in [start, end) whose entries are all empty,
     * bottom-up (a PD emptied by freeing its PTs goes too); never the PML4. Returns how many.
     * The caller then flushes with freedTables so that no CPU walks a freed table.
     */
    public int freeEmptyTables(long start, long end) {
        Paging.requireUserRange(start, end);
        return start < end ? LeafWalk.freeEmpty(this, pgd, 0, start, end) : 0;
    }

    /** Frees every table page, the PML4 and deposited tables included (pgd_free at exit). */
    public void destroy() {
        requireAlive();
        LeafWalk.freeSubtree(this, pgd);
        destroyed = true;
    }

    public boolean isDestroyed() {
        return destroyed;
    }

    /** Recounts everything; throws IllegalStateException on the first inconsistency. */
    public void checkInvariants() {
        if (destroyed) {
            if (tablePages != 0) {
                throw new IllegalStateException("destroyed page table still holds " + tablePages + " pages");
            }
            return;
        }
        PageTableChecker.check(pgd, tablePages);
    }

    // ---- package-private plumbing shared with LeafWalk and the hardware walker ----

    Table root() {
        requireAlive();
        return pgd;
    }

    Table newTable(int level) {
        return new Table(allocPage(), level);
    }

    private long allocPage() {
        long pfn = allocator.allocTablePage();
        tablePages++;
        return pfn;
    }

    void freeTable(Table table) {
        table.freed = true;
        freePage(table.pfn);
    }

    private void freePage(long pfn) {
        allocator.freeTablePage(pfn);
        tablePages--;
    }

    void freeDeposit(Table pd, int index) {
        long deposited = pd.deposit(index);
        if (deposited != Table.NO_DEPOSIT) {
            pd.setDeposit(index, Table.NO_DEPOSIT);
            freePage(deposited);
        }
    }

    /** pmd_populate() and friends: points entry {@code index} of {@code parent} at {@code child}. */
    static void link(Table parent, int index, Table child) {
        parent.children[index] = child;
        parent.set(index, Pte.make(child.pfn, Pte.PAGE_TABLE));
    }

    /** The table at {@code level} covering vaddr, or null; a PMD leaf above it also gives null. */
    private Table lookup(long vaddr, int level) {
        Table table = root();
        while (table != null && table.level > level) {
            table = table.children[Paging.index(table.level, vaddr)];
        }
        return table;
    }

    /** The table at {@code level} covering vaddr, allocating missing tables on the way. */
    private Table ensure(long vaddr, int level) {
        Table table = root();
        while (table.level > level) {
            int index = Paging.index(table.level, vaddr);
            Table child = table.children[index];
            if (child == null) {
                if (table.entries[index] != 0) {
                    throw new IllegalStateException(String.format(
                            "0x%x is mapped by a huge PMD leaf; split it first", vaddr));
                }
                child = newTable(table.level - 1);
                link(table, index, child);
            }
            table = child;
        }
        return table;
    }

    private void requireAlive() {
        if (destroyed) {
            throw new IllegalStateException("page table already destroyed");
        }
    }
}
