package io.mmspec.runtime.arch;

import static io.mmspec.runtime.uapi.AccessType.EXEC;
import static io.mmspec.runtime.uapi.AccessType.READ;
import static io.mmspec.runtime.uapi.AccessType.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MmuTest {
    private static final long PAGE = Paging.PAGE_SIZE;
    private static final long USER_RW = Pte.PRESENT | Pte.RW | Pte.USER | Pte.NX;
    private static final long USER_RO = Pte.PRESENT | Pte.USER | Pte.NX;
    private static final long BUF = 0x40_0000L;

    private final CountingAllocator allocator = new CountingAllocator();
    private final Mmu mmu = new Mmu(MmuConfig.defaults(4));
    private final MmuContext mm = newMm();

    private MmuContext newMm() {
        return mmu.initNewContext(new PageTable(allocator));
    }

    @AfterEach
    void stillConsistent() {
        mmu.checkInvariants();
        mm.pageTable().checkInvariants();
    }

    @Test
    void firstAccessWalksFourLevelsThenTheTlbAnswers() {
        mm.pageTable().setPte(BUF, Pte.make(0x1234, USER_RW));
        mmu.switchMm(0, mm);
        Translation first = mmu.translate(0, mm, BUF + 0x56, READ);
        assertThat(first.ok()).isTrue();
        assertThat(first.tlbHit()).isFalse();
        assertThat(first.walkReads()).isEqualTo(4);
        assertThat(first.physicalAddress()).isEqualTo(0x123_4056L);
        // the walk set the accessed bit in memory, not the dirty bit (a read)
        assertThat(mm.pageTable().pte(BUF)).isEqualTo(Pte.make(0x1234, USER_RW | Pte.ACCESSED));

        Translation second = mmu.translate(0, mm, BUF + 0xff8, READ);
        assertThat(second.tlbHit()).isTrue();
        assertThat(second.walkReads()).isZero();
        assertThat(second.physicalAddress()).isEqualTo(0x123_4ff8L);
        assertThat(mmu.tlb(0).hits()).isEqualTo(1);
        assertThat(mmu.tlb(0).misses()).isEqualTo(1);
    }

    @Test
    void aWriteToACleanCachedEntryWalksAgainToSetDirty() {
        mm.pageTable().setPte(BUF, Pte.make(0x1234, USER_RW));
        mmu.switchMm(0, mm);
        mmu.translate(0, mm, BUF, READ);                 // miss: A set, entry cached clean
        Translation write = mmu.translate(0, mm, BUF, WRITE); // cached D=0: re-walk, set D
        assertThat(write.tlbHit()).isFalse();
        assertThat(write.walkReads()).isEqualTo(4);
        assertThat(Pte.isDirty(mm.pageTable().pte(BUF))).isTrue();
        assertThat(mmu.translate(0, mm, BUF, WRITE).tlbHit()).isTrue(); // cached dirty now
        assertThat(mmu.tlb(0).misses()).isEqualTo(2);
        assertThat(mmu.tlb(0).hits()).isEqualTo(1);
    }

    @Test
    void writeToReadOnlyPteFaultsWithProtWriteUser() {
        mm.pageTable().setPte(BUF, Pte.make(0x1234, USER_RO));
        mmu.switchMm(0, mm);
        Translation t = mmu.translate(0, mm, BUF, WRITE);
        assertThat(t.pageFault()).isTrue();
        // X86_PF_PROT 1 | X86_PF_WRITE 2 | X86_PF_USER 4
        assertThat(t.errorCode()).isEqualTo(7);
        assertThat(t.walkReads()).isEqualTo(4);
        assertThat(mmu.tlb(0).entries()).isZero(); // a failed translation is not cached
        assertThat(Pte.isYoung(mm.pageTable().pte(BUF))).isFalse();
    }

    @Test
    void execOfNxPageFaultsWithProtInstrUser() {
        mm.pageTable().setPte(BUF, Pte.make(0x1234, USER_RW));
        mmu.switchMm(0, mm);
        Translation t = mmu.translate(0, mm, BUF, EXEC);
        // X86_PF_PROT 1 | X86_PF_USER 4 | X86_PF_INSTR 16
        assertThat(t.errorCode()).isEqualTo(21);
        assertThat(PfErrorCode.describe(t.errorCode())).isEqualTo("PROT|USER|INSTR");
        mm.pageTable().setPte(BUF + PAGE, Pte.make(0x99, Pte.PRESENT | Pte.USER)); // r-x
        assertThat(mmu.translate(0, mm, BUF + PAGE, EXEC).ok()).isTrue();
    }

    @Test
    void notPresentFaultsCarryNoProtBit() {
        mmu.switchMm(0, mm);
        Translation read = mmu.translate(0, mm, BUF, READ);
        assertThat(read.errorCode()).isEqualTo(PfErrorCode.USER);
        assertThat(read.walkReads()).isEqualTo(1); // PML4[0] is empty
        mm.pageTable().setPte(BUF + PAGE, Pte.make(1, USER_RW));
        Translation exec = mmu.translate(0, mm, BUF, EXEC);
        assertThat(exec.errorCode()).isEqualTo(PfErrorCode.USER | PfErrorCode.INSTR);
        assertThat(exec.walkReads()).isEqualTo(4); // the PT exists, its entry does not
        // PROT_NONE is present for the kernel but absent for the hardware: no PROT bit either
        mm.pageTable().setPte(BUF, Pte.make(7, Pte.PROTNONE | Pte.ACCESSED));
        assertThat(mmu.translate(0, mm, BUF, WRITE).errorCode()).isEqualTo(PfErrorCode.USER | PfErrorCode.WRITE);
        // a swap entry: not present
        mm.pageTable().setPte(BUF, Pte.swapEntry(0, 5));
        assertThat(mmu.translate(0, mm, BUF, READ).errorCode()).isEqualTo(PfErrorCode.USER);
    }

    @Test
    void reservedAddressBitsFaultWithRsvdAndNonCanonicalIsGeneralProtection() {
        mm.pageTable().setPte(BUF, Pte.make(1L << 34, USER_RW)); // physical address 2^46: above MAXPHYADDR 46
        mmu.switchMm(0, mm);
        assertThat(mmu.translate(0, mm, BUF, READ).errorCode())
                .isEqualTo(PfErrorCode.PROT | PfErrorCode.USER | PfErrorCode.RSVD);
        Translation gp = mmu.translate(0, mm, 0x0000_8000_0000_0000L, READ);
        assertThat(gp.generalProtection()).isTrue();
        assertThat(gp.pageFault()).isFalse();
        Translation kernel = mmu.translate(0, mm, 0xffff_8880_0000_0000L, READ);
        assertThat(kernel.errorCode()).isEqualTo(PfErrorCode.PROT | PfErrorCode.USER);
    }

    @Test
    void oneHugeEntryCoversAll512PagesOfA2MbMapping() {
        long base = 0x4000_0000L;
        mm.pageTable().setPmdLeaf(base, Pte.make(0x8_0000, USER_RW | Pte.PSE));
        mmu.switchMm(0, mm);
        for (int i = 0; i < Paging.HPAGE_PMD_NR; i++) {
            Translation t = mmu.translate(0, mm, base + i * PAGE + 8, READ);
            assertThat(t.physicalAddress()).isEqualTo((0x8_0000L << 12) + i * PAGE + 8);
            assertThat(t.walkReads()).isEqualTo(i == 0 ? 3 : 0); // a PMD leaf is 3 reads
        }
        assertThat(mmu.tlb(0).misses()).isEqualTo(1);
        assertThat(mmu.tlb(0).hits()).isEqualTo(511);
        assertThat(mmu.tlb(0).entries2m()).isEqualTo(1);
        assertThat(mmu.tlb(0).entries4k()).isZero();
    }

    @Test
    void staleTranslationSurvivesUntilTheRangeIsFlushed() {
        mm.pageTable().setPte(BUF, Pte.make(0x100, USER_RW));
        mmu.switchMm(0, mm);
        mmu.translate(0, mm, BUF, READ);
        mm.pageTable().setPte(BUF, Pte.make(0x200, USER_RW)); // remapped, no flush yet
        assertThat(mmu.translate(0, mm, BUF, READ).pfn()).isEqualTo(0x100); // the TLB still says 0x100
        mmu.flushTlbMmRange(0, mm, BUF, BUF + PAGE, false);
        Translation t = mmu.translate(0, mm, BUF, READ);
        assertThat(t.tlbHit()).isFalse();
        assertThat(t.pfn()).isEqualTo(0x200);
    }

    @Test
    void protectionFaultFromACachedEntryDropsIt() {
        mm.pageTable().setPte(BUF, Pte.make(0x100, USER_RO));
        mmu.switchMm(0, mm);
        mmu.translate(0, mm, BUF, READ);
        // the fault handler makes the PTE writable (do_wp_page reuse) without flushing:
        // the #PF itself invalidated the stale read-only entry, so the retry walks
        assertThat(mmu.translate(0, mm, BUF, WRITE).errorCode()).isEqualTo(7);
        mm.pageTable().setPte(BUF, Pte.make(0x100, USER_RW | Pte.ACCESSED));
        Translation retry = mmu.translate(0, mm, BUF, WRITE);
        assertThat(retry.ok()).isTrue();
        assertThat(retry.tlbHit()).isFalse();
    }

    @Test
    void rangeOf33PagesIsFlushedPageByPageAnd34PagesFlushesTheMm() {
        mmu.switchMm(0, mm);
        for (int i = 0; i < 40; i++) {
            mm.pageTable().setPte(BUF + i * PAGE, Pte.make(0x100 + i, USER_RW));
            mmu.translate(0, mm, BUF + i * PAGE, READ);
        }
        Tlb tlb = mmu.tlb(0);
        long fullBefore = tlb.fullFlushes(); // 1: the context switch took ASID 1 and flushed it
        assertThat(fullBefore).isEqualTo(1);

        mmu.flushTlbMmRange(0, mm, BUF, BUF + 33 * PAGE, false); // 33 = tlb_single_page_flush_ceiling
        assertThat(tlb.onePageFlushes()).isEqualTo(33);
        assertThat(tlb.fullFlushes()).isEqualTo(fullBefore);
        assertThat(tlb.entries()).isEqualTo(40 - 33);
        assertThat(tlb.rangeFlushes()).isEqualTo(1);

        mmu.flushTlbMmRange(0, mm, BUF, BUF + 34 * PAGE, false); // 34 > 33: flush the whole mm
        assertThat(tlb.onePageFlushes()).isEqualTo(33);
        assertThat(tlb.fullFlushes()).isEqualTo(fullBefore + 1);
        assertThat(tlb.entries()).isZero();
        assertThat(mmu.vmstat()).containsEntry("nr_tlb_local_flush_one", 33L)
                .containsEntry("nr_tlb_local_flush_all", 1L)
                .containsEntry("nr_tlb_remote_flush", 0L);
        assertThat(mm.tlbGen()).isEqualTo(2);
    }

    @Test
    void changingAnMmThatRunsOnFourCpusSendsThreeIpis() {
        mm.pageTable().setPte(BUF, Pte.make(0x100, USER_RW));
        for (int cpu = 0; cpu < 4; cpu++) { // four threads of one process, one per CPU
            mmu.switchMm(cpu, mm);
            mmu.translate(cpu, mm, BUF, READ);
        }
        mmu.flushTlbMmRange(0, mm, BUF, BUF + PAGE, false); // mprotect on CPU 0
        assertThat(mmu.ipisSent()).isEqualTo(3);
        for (int cpu = 0; cpu < 4; cpu++) {
            assertThat(mmu.tlbShootdowns(cpu)).isEqualTo(cpu == 0 ? 0 : 1);
            assertThat(mmu.tlb(cpu).entries()).isZero(); // every CPU dropped its stale entry
        }
        assertThat(mmu.vmstat()).containsEntry("nr_tlb_remote_flush", 1L)
                .containsEntry("nr_tlb_remote_flush_received", 3L);
    }

    @Test
    void changingAnMmThatRanOnlyOnThisCpuSendsNoIpi() {
        mm.pageTable().setPte(BUF, Pte.make(0x100, USER_RW));
        mmu.switchMm(0, mm);
        mmu.translate(0, mm, BUF, READ);
        mmu.flushTlbMmRange(0, mm, BUF, BUF + PAGE, false);
        assertThat(mmu.ipisSent()).isZero();
        assertThat(mmu.tlb(0).onePageFlushes()).isEqualTo(1);
    }

    @Test
    void cpusThatSwitchedAwayGetNoIpiAndFlushWhenTheyComeBack() {
        MmuContext other = newMm();
        mm.pageTable().setPte(BUF, Pte.make(0x100, USER_RW));
        for (int cpu = 0; cpu < 4; cpu++) {
            mmu.switchMm(cpu, mm);
            mmu.translate(cpu, mm, BUF, READ);
        }
        for (int cpu = 1; cpu < 4; cpu++) {
            mmu.switchMm(cpu, other); // mm keeps its ASID and its entries on CPUs 1..3
        }
        mmu.flushTlbMmRange(0, mm, BUF, BUF + PAGE, false);
        assertThat(mmu.ipisSent()).isZero(); // should_flush_tlb: none of them runs mm
        assertThat(mmu.tlb(1).entries(1)).isEqualTo(1); // the stale entry is still there...
        mmu.switchMm(1, mm); // ...until CPU 1 returns: its slot's tlb_gen 0 < mm's 1 → flush
        assertThat(mmu.loadedAsid(1)).isEqualTo(1);
        assertThat(mmu.translate(1, mm, BUF, READ).tlbHit()).isFalse();
        assertThat(mm.cpumaskWeight()).isEqualTo(4);
    }

    @Test
    void freedTablesReachEveryCpuInTheMaskAndTrimIt() {
        MmuContext other = newMm();
        for (int cpu = 0; cpu < 4; cpu++) {
            mmu.switchMm(cpu, mm);
        }
        mmu.switchMm(2, other);
        mmu.switchMm(3, other);
        mmu.enterLazyTlb(1); // CPU 1 runs a kernel thread, mm still loaded
        mmu.flushTlbMmRange(0, mm, BUF, BUF + PAGE, true);
        assertThat(mmu.ipisSent()).isEqualTo(3); // on_each_cpu_mask: lazy and departed CPUs too
        assertThat(mm.mmCpumask().toString()).isEqualTo("{0, 1}"); // CPUs 2, 3 cleared themselves
        assertThat(mmu.loadedMm(1)).isSameAs(mmu.initMm()); // the lazy CPU left for init_mm
        assertThat(mmu.isLazy(1)).isFalse();
    }

    @Test
    void lazyCpuIsSkippedWithoutFreedTablesAndCatchesUpWhenItReturns() {
        mm.pageTable().setPte(BUF, Pte.make(0x100, USER_RW));
        mmu.switchMm(0, mm);
        mmu.switchMm(1, mm);
        mmu.translate(1, mm, BUF, READ);
        mmu.enterLazyTlb(1);
        mmu.flushTlbMmRange(0, mm, BUF, BUF + PAGE, false);
        assertThat(mmu.ipisSent()).isZero();
        long fullBefore = mmu.tlb(1).fullFlushes();
        mmu.switchMm(1, mm); // prev == next but was lazy and tlb_gen moved: flush
        assertThat(mmu.tlb(1).fullFlushes()).isEqualTo(fullBefore + 1);
        assertThat(mmu.tlb(1).entries()).isZero();
    }

    @Test
    void seventhMmOnOneCpuRecyclesAnAsidRoundRobin() {
        MmuContext[] mms = new MmuContext[7];
        for (int i = 0; i < 7; i++) {
            mms[i] = newMm();
            mms[i].pageTable().setPte(BUF, Pte.make(0x100 + i, USER_RW));
        }
        int[] asids = new int[7];
        for (int i = 0; i < 7; i++) {
            mmu.switchMm(0, mms[i]);
            mmu.translate(0, mms[i], BUF, READ);
            asids[i] = mmu.loadedAsid(0);
        }
        // init_mm boots in ASID 0 and next_asid starts at 1: 1..5, then wrap to 0, then 1 again
        assertThat(asids).containsExactly(1, 2, 3, 4, 5, 0, 1);
        assertThat(mmu.tlb(0).fullFlushes()).isEqualTo(7); // each took over a slot: flush
        assertThat(mmu.cr3(0)).isEqualTo(mms[6].pageTable().cr3() | 2); // PCID = ASID + 1

        mmu.switchMm(0, mms[1]); // still holds ASID 2 with a current tlb_gen: no flush
        assertThat(mmu.loadedAsid(0)).isEqualTo(2);
        assertThat(mmu.tlb(0).fullFlushes()).isEqualTo(7);
        assertThat(mmu.translate(0, mms[1], BUF, READ).tlbHit()).isTrue();

        mmu.switchMm(0, mms[0]); // lost ASID 1 to mms[6]: takes ASID 2 next, evicting mms[1]
        assertThat(mmu.loadedAsid(0)).isEqualTo(2);
        assertThat(mmu.tlb(0).fullFlushes()).isEqualTo(8);
        Translation t = mmu.translate(0, mms[0], BUF, READ);
        assertThat(t.tlbHit()).isFalse();
        assertThat(t.pfn()).isEqualTo(0x100);
    }

    @Test
    void withoutPcidEveryContextSwitchFlushes() {
        Mmu noPcid = new Mmu(MmuConfig.defaults(1).withPcid(false));
        MmuContext a = noPcid.initNewContext(new PageTable(allocator));
        MmuContext b = noPcid.initNewContext(new PageTable(allocator));
        a.pageTable().setPte(BUF, Pte.make(0x100, USER_RW));
        noPcid.switchMm(0, a);
        noPcid.translate(0, a, BUF, READ);
        noPcid.switchMm(0, b);
        noPcid.switchMm(0, a);
        assertThat(noPcid.translate(0, a, BUF, READ).tlbHit()).isFalse();
        assertThat(noPcid.tlb(0).fullFlushes()).isEqualTo(3);
        assertThat(noPcid.cr3(0)).isEqualTo(a.pageTable().cr3()); // no PCID bits
        noPcid.checkInvariants();
    }

    @Test
    void flushTlbAllAndKernelRangeReachEveryCpu() {
        mm.pageTable().setPte(BUF, Pte.make(0x100, USER_RW));
        mmu.switchMm(0, mm);
        mmu.translate(0, mm, BUF, READ);
        mmu.flushTlbAll();
        assertThat(mmu.tlb(0).entries()).isZero();
        assertThat(mmu.ipisSent()).isEqualTo(3);
        assertThat(mmu.tlbShootdowns(1)).isZero(); // a function-call IPI, not a TLB shootdown
        mmu.flushTlbKernelRange(0xffff_c900_0000_0000L, 0xffff_c900_0000_0000L + 4 * PAGE);
        assertThat(mmu.ipisSent()).isEqualTo(6);
        assertThat(mmu.tlb(3).onePageFlushes()).isEqualTo(4);
        assertThat(mmu.vmstat()).containsEntry("nr_tlb_remote_flush_received", 4L)
                .containsEntry("nr_tlb_local_flush_one", 16L);
    }

    @Test
    void translateRequiresTheCpuToRunTheMm() {
        assertThatThrownBy(() -> mmu.translate(0, mm, BUF, READ))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("switchMm first");
        mmu.switchMm(0, mm);
        mmu.enterLazyTlb(0);
        assertThatThrownBy(() -> mmu.translate(0, mm, BUF, READ)).isInstanceOf(IllegalStateException.class);
        mmu.leaveMm(0);
        assertThat(mmu.loadedMm(0)).isSameAs(mmu.initMm());
    }

    @Test
    void translationIsReusedPerCpu() {
        mm.pageTable().setPte(BUF, Pte.make(0x100, USER_RW));
        mmu.switchMm(0, mm);
        Translation first = mmu.translate(0, mm, BUF, READ);
        Translation second = mmu.translate(0, mm, BUF + PAGE, READ);
        assertThat(second).isSameAs(first);
        assertThat(first.pageFault()).isTrue(); // overwritten by the second call
        assertThat(first.toString()).isEqualTo("READ 0x401000: #PF error USER after 4 reads");
    }
}
