package io.mmspec.runtime.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PageTableTest {
    private static final long USER_RW = Pte.PRESENT | Pte.RW | Pte.USER | Pte.NX;
    private static final long MB2 = Paging.PMD_SIZE;
    private static final long GB = Paging.PUD_SIZE;

    private final CountingAllocator allocator = new CountingAllocator();
    private final PageTable table = new PageTable(allocator);

    @AfterEach
    void stillConsistent() {
        table.checkInvariants();
    }

    @Test
    void walkOf0x400000ReadsIndices0_0_2_0() {
        table.setPte(0x0040_0000L, Pte.make(0x5000, USER_RW));
        Walk walk = table.walk(0x0040_0000L);
        // 0x400000 >> 21 = 2 (PD index); >> 12 & 511 = 1024 & 511 = 0
        assertThat(walk.indices()).isEqualTo("0x400000 → PML4[0] PDPT[0] PD[2] PT[0] offset 0x000");
        assertThat(List.of(walk.pml4(), walk.pdpt(), walk.pd(), walk.pt(), walk.offset())).containsExactly(0, 0, 2, 0, 0);
        assertThat(walk.levelsRead()).isEqualTo(4);
        assertThat(walk.physicalAddress()).isEqualTo(0x500_0000L);
        // CR3 = the PML4, first page handed out; then PDPT, PD, PT in allocation order
        assertThat(table.cr3()).isEqualTo(0x1000L << 12);
        assertThat(walk.steps()).extracting(Walk.Step::tableAddress)
                .containsExactly(0x100_0000L, 0x100_1000L, 0x100_2000L, 0x100_3000L);
        assertThat(walk.steps().get(0).entry()).isEqualTo(0x100_1067L); // PDPT pfn 0x1001 | _PAGE_TABLE
        assertThat(walk.steps().get(2).entryAddress()).isEqualTo(0x100_2000L + 2 * 8);
    }

    @Test
    void walkOfAHighAddressShowsAllFourIndices() {
        long vaddr = (3L << 39) + (5L << 30) + (7L << 21) + (9L << 12) + 0xabc;
        assertThat(vaddr).isEqualTo(0x0000_0181_40e0_9abcL);
        table.setPte(vaddr, Pte.make(0x77, USER_RW));
        Walk walk = table.walk(vaddr);
        assertThat(walk.indices()).isEqualTo("0x18140e09abc → PML4[3] PDPT[5] PD[7] PT[9] offset 0xabc");
        assertThat(walk.physicalAddress()).isEqualTo(0x77abcL);

        Walk top = table.walk(Paging.TASK_SIZE_MAX + 0x123);
        // 0x7ffffffff123: every index 511 but PML4 255, the last user slot
        assertThat(top.indices()).isEqualTo("0x7ffffffff123 → PML4[255] PDPT[511] PD[511] PT[511] offset 0x123");
        assertThat(top.levelsRead()).isEqualTo(1); // PML4[255] is empty: the walk stops after one read
        assertThat(top.mapped()).isFalse();
    }

    @Test
    void allocatesOnlyTheTablesAMappingNeeds() {
        assertThat(table.tablePages()).isEqualTo(1); // the PML4
        table.setPte(0x40_0000L, Pte.make(1, USER_RW));
        assertThat(table.tablePages()).isEqualTo(4); // + PDPT, PD, PT
        table.setPte(0x40_1000L, Pte.make(2, USER_RW));
        assertThat(table.tablePages()).isEqualTo(4); // same PT
        table.setPte(0x40_0000L + MB2, Pte.make(3, USER_RW));
        assertThat(table.tablePages()).isEqualTo(5); // next PD entry: one more PT
        table.setPte(0x40_0000L + GB, Pte.make(4, USER_RW));
        assertThat(table.tablePages()).isEqualTo(7); // next PDPT entry: a PD and a PT
        table.setPte(0x40_0000L + Paging.PGDIR_SIZE, Pte.make(5, USER_RW));
        assertThat(table.tablePages()).isEqualTo(10); // next PML4 entry: PDPT, PD, PT
        assertThat(table.pgtablesBytes()).isEqualTo(9 * 4096); // mm_pgtables_bytes leaves out the PGD
        assertThat(allocator.live()).isEqualTo(10);
        assertThat(table.pte(0x40_1000L)).isEqualTo(Pte.make(2, USER_RW));
        assertThat(table.pte(0x40_2000L)).isZero();
        assertThat(table.walk(0x40_0000L + 2 * GB).levelsRead()).isEqualTo(2); // PDPT[2] empty
    }

    @Test
    void clearPteReturnsTheOldEntryAndFreeEmptyTablesGivesEveryPageBack() {
        long[] addresses = {0x40_0000L, 0x40_0000L + GB, 0x7f00_0000_0000L};
        for (long address : addresses) {
            table.setPte(address, Pte.make(address >>> 12, USER_RW));
        }
        assertThat(table.tablePages()).isEqualTo(1 + 3 + 2 + 3); // shared PDPT for the first two
        for (long address : addresses) {
            assertThat(table.clearPte(address)).isEqualTo(Pte.make(address >>> 12, USER_RW));
        }
        assertThat(table.freeEmptyTables(0, Paging.USER_SPACE_END)).isEqualTo(8);
        assertThat(table.tablePages()).isEqualTo(1);
        assertThat(allocator.live()).isEqualTo(1);
        table.destroy();
        assertThat(allocator.live()).isZero();
        assertThat(allocator.frees()).isEqualTo(allocator.allocations());
    }

    @Test
    void freeEmptyTablesKeepsTablesThatStillMapSomethingOrLieOutsideTheRange() {
        table.setPte(0x40_0000L, Pte.make(1, USER_RW));
        table.setPte(0x40_0000L + MB2, Pte.make(2, USER_RW));
        table.setPte(0x40_0000L + GB, Pte.make(3, USER_RW));
        table.clearPte(0x40_0000L);
        table.clearPte(0x40_0000L + GB);
        // range covers only the first GB: its empty PT goes, the PT still mapping page 2 stays
        assertThat(table.freeEmptyTables(0, GB)).isEqualTo(1);
        assertThat(table.tablePages()).isEqualTo(1 + 1 + 2 + 2);
        assertThat(table.freeEmptyTables(GB, 2 * GB)).isEqualTo(2); // PT and PD of the second GB
    }

    @Test
    void destroyFreesEveryTablePageIncludingThePml4AndDeposits() {
        table.setPte(0x1000L, Pte.make(1, USER_RW));
        table.setPmdLeaf(4 * MB2, Pte.make(512, USER_RW | Pte.PSE), true);
        table.setPte(0x7fff_0000_0000L, Pte.make(3, USER_RW));
        long pages = table.tablePages();
        assertThat(pages).isEqualTo(1 + 3 + 1 + 3); // PML4, PDPT+PD+PT, the deposit, PDPT+PD+PT
        table.destroy();
        assertThat(allocator.live()).isZero();
        assertThat(table.tablePages()).isZero();
        assertThatThrownBy(() -> table.pte(0x1000L)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pmdLeafMapsTwoMegabytesAndIsRefusedOverAPageTable() {
        long huge = Pte.make(0x200, USER_RW | Pte.PSE);
        table.setPmdLeaf(2 * MB2, huge);
        assertThat(table.tablePages()).isEqualTo(3); // PML4, PDPT, PD: no PT below a huge leaf
        assertThat(table.pte(2 * MB2 + 0x1234)).isEqualTo(huge);
        Walk walk = table.walk(2 * MB2 + 0x1f_f123L);
        assertThat(walk.levelsRead()).isEqualTo(3);
        assertThat(walk.huge()).isTrue();
        assertThat(walk.physicalAddress()).isEqualTo((0x200L << 12) + 0x1f_f123L);

        table.setPte(4 * MB2, Pte.make(9, USER_RW));
        table.clearPte(4 * MB2);
        assertThat(table.pmdNone(4 * MB2)).isFalse(); // an empty PT is still there
        assertThat(table.pmdNone(2 * MB2)).isFalse(); // the huge leaf
        assertThat(table.pmdNone(6 * MB2)).isTrue();
        assertThatThrownBy(() -> table.setPmdLeaf(4 * MB2, huge)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> table.setPte(2 * MB2 + 0x1000, Pte.make(1, USER_RW)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> table.setPmdLeaf(MB2 + 0x1000, huge)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.setPmdLeaf(6 * MB2, Pte.make(0x201, USER_RW | Pte.PSE)))
                .isInstanceOf(IllegalArgumentException.class); // pfn not 512-aligned
        assertThat(table.clearPmdLeaf(2 * MB2)).isEqualTo(huge);
        assertThat(table.pte(2 * MB2)).isZero();
    }

    @Test
    void splitTurnsAPmdLeafInto512PtesUsingTheDepositedTable() {
        long flags = Pte.PRESENT | Pte.USER | Pte.ACCESSED | Pte.DIRTY | Pte.NX;
        table.setPmdLeaf(MB2 * 10, Pte.make(0x400, flags | Pte.PSE), true);
        assertThat(table.tablePages()).isEqualTo(4); // PML4, PDPT, PD + the deposited PT
        table.splitPmdLeaf(MB2 * 10);
        assertThat(table.tablePages()).isEqualTo(4); // the deposit became the PT: nothing allocated
        assertThat(allocator.allocations()).isEqualTo(4);
        for (int i = 0; i < Paging.HPAGE_PMD_NR; i++) {
            assertThat(table.pte(MB2 * 10 + i * Paging.PAGE_SIZE)).isEqualTo(Pte.make(0x400 + i, flags));
        }
        assertThat(table.walk(MB2 * 10).levelsRead()).isEqualTo(4);

        table.setPmdLeaf(MB2 * 12, Pte.make(0x600, flags | Pte.PSE)); // no deposit
        table.splitPmdLeaf(MB2 * 12);
        assertThat(table.tablePages()).isEqualTo(5); // split had to allocate its PT
        assertThatThrownBy(() -> table.splitPmdLeaf(MB2 * 14)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clearingAHugeLeafReleasesItsDeposit() {
        table.setPmdLeaf(0, Pte.make(0, USER_RW | Pte.PSE), true);
        assertThat(allocator.live()).isEqualTo(4);
        table.clearPmdLeaf(0);
        assertThat(allocator.live()).isEqualTo(3);
        table.setPmdLeaf(0, Pte.make(0, USER_RW | Pte.PSE), true);
        table.forEachLeaf(0, MB2, (vaddr, entry, huge) -> 0); // zap_huge_pmd also frees the deposit
        assertThat(allocator.live()).isEqualTo(3);
    }

    @Test
    void forEachLeafVisitsPtesHugeLeavesAndSwapEntriesInAscendingOrder() {
        table.setPte(0x7f00_0000_0000L, Pte.make(1, USER_RW));
        table.setPte(0x40_3000L, Pte.swapEntry(2, 77));
        table.setPmdLeaf(GB, Pte.make(0x800, USER_RW | Pte.PSE));
        table.setPte(0x40_1000L, Pte.make(3, Pte.PROTNONE | Pte.ACCESSED));
        List<String> seen = new ArrayList<>();
        table.forEachLeaf(0, Paging.USER_SPACE_END, (vaddr, entry, huge) -> {
            seen.add(String.format("0x%x %s%s", vaddr, huge ? "huge " : "", Pte.describe(entry)));
            return entry;
        });
        assertThat(seen).containsExactly(
                "0x401000 pfn 0x3 A PROTNONE",
                "0x403000 swap type 2 offset 0x4d",
                "0x40000000 huge pfn 0x800 P RW U PSE NX",
                "0x7f0000000000 pfn 0x1 P RW U NX");
    }

    @Test
    void forEachLeafClipsToTheRange() {
        for (int i = 0; i < 1024; i++) {
            table.setPte(i * Paging.PAGE_SIZE, Pte.make(i, USER_RW));
        }
        List<Long> seen = new ArrayList<>();
        // [511 pages, 513 pages): the last PTE of the first PT and the first of the second
        table.forEachLeaf(511 * Paging.PAGE_SIZE, 513 * Paging.PAGE_SIZE, (vaddr, entry, huge) -> {
            seen.add(vaddr);
            return entry;
        });
        assertThat(seen).containsExactly(0x1f_f000L, 0x20_0000L);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void forEachLeafOverTheWholeUserSpaceSkipsAbsentSubtrees() {
        // 2^35 possible pages; a walk that touched each absent slot would never finish
        table.setPte(0x1000L, Pte.make(1, USER_RW));
        table.setPte(0x7fff_ffff_e000L, Pte.make(2, USER_RW));
        int[] visits = {0};
        table.forEachLeaf(0, Paging.USER_SPACE_END, (vaddr, entry, huge) -> {
            visits[0]++;
            return entry;
        });
        assertThat(visits[0]).isEqualTo(2);
    }

    @Test
    void forEachLeafStoresWhatTheVisitorReturns() {
        for (int i = 0; i < 8; i++) {
            table.setPte(0x40_0000L + i * Paging.PAGE_SIZE, Pte.make(0x100 + i, USER_RW));
        }
        // fork-style: write-protect every PTE (copy_present_pte on a COW mapping)
        table.forEachLeaf(0x40_0000L, 0x40_8000L, (vaddr, entry, huge) -> Pte.wrprotect(entry));
        assertThat(table.pte(0x40_5000L)).isEqualTo(Pte.make(0x105, Pte.PRESENT | Pte.USER | Pte.NX));
        // munmap-style: clear the first four
        table.forEachLeaf(0x40_0000L, 0x40_4000L, (vaddr, entry, huge) -> 0);
        assertThat(table.pte(0x40_3000L)).isZero();
        assertThat(table.pte(0x40_4000L)).isNotZero();
        assertThat(table.freeEmptyTables(0, Paging.USER_SPACE_END)).isZero(); // PT still holds 4
    }

    @Test
    void forEachLeafRefusesAHugeLeafOnlyPartlyInRange() {
        table.setPmdLeaf(MB2, Pte.make(0x200, USER_RW | Pte.PSE));
        assertThatThrownBy(() -> table.forEachLeaf(MB2 + 0x1000, 2 * MB2, (v, e, h) -> e))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("split it first");
    }

    @Test
    void checkInvariantsCatchesACorruptCount() {
        table.setPte(0x1000L, Pte.make(1, USER_RW));
        Table pml4 = table.root();
        pml4.usedCount++;
        assertThatThrownBy(table::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("counts 2 entries, holds 1");
        pml4.usedCount--;
        pml4.entries[0] = Pte.make(0x9999, Pte.PAGE_TABLE);
        assertThatThrownBy(table::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not match the lower table");
        pml4.entries[0] = Pte.make(pml4.children[0].pfn, Pte.PAGE_TABLE);
    }

    @Test
    void refusesKernelAndNonCanonicalAddresses() {
        assertThatThrownBy(() -> table.setPte(0xffff_8000_0000_0000L, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.pte(Paging.USER_SPACE_END)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> table.setPte(0x1000L, Pte.make(1, USER_RW | Pte.PSE)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
