package io.mmspec.runtime.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.uapi.AccessType;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random runs of context switches, lazy TLB, PTE changes each followed by the flush the
 * kernel would issue, and accesses on every CPU. Whatever ASIDs were recycled, whichever CPUs
 * were skipped by the shootdown, a translation must always agree with the page table: a TLB
 * that kept a stale entry past its flush would show up here.
 */
class MmuCoherenceTest {
    private static final int CPUS = 4;
    private static final int MMS = 8; // more than TLB_NR_DYN_ASIDS: slots get recycled
    private static final int PAGES = 48; // ranges may exceed the 33-page ceiling
    private static final long BASE = 0x10_0000_0000L;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void translationsAlwaysAgreeWithThePageTable(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        CountingAllocator allocator = new CountingAllocator();
        Mmu mmu = new Mmu(MmuConfig.defaults(CPUS).withTlbEntries(24, 4));
        MmuContext[] mms = new MmuContext[MMS];
        for (int i = 0; i < MMS; i++) {
            mms[i] = mmu.initNewContext(new PageTable(allocator));
        }
        for (int step = 0; step < 4000; step++) {
            int cpu = random.nextInt(CPUS);
            int op = random.nextInt(20);
            if (op < 3) {
                mmu.switchMm(cpu, mms[random.nextInt(MMS)]);
            } else if (op == 3) {
                mmu.enterLazyTlb(cpu);
            } else if (op < 8) {
                changeRange(mmu, mms[random.nextInt(MMS)], cpu, random);
            } else {
                access(mmu, cpu, random, seed, step);
            }
            mmu.checkInvariants();
        }
    }

    /** Rewrites 1..40 consecutive PTEs, then flushes them as the kernel would. */
    private static void changeRange(Mmu mmu, MmuContext mm, int cpu, SplittableRandom random) {
        int first = random.nextInt(PAGES);
        int count = 1 + random.nextInt(Math.min(40, PAGES - first));
        for (int page = first; page < first + count; page++) {
            long vaddr = BASE + page * Paging.PAGE_SIZE;
            switch (random.nextInt(4)) {
                case 0 -> mm.pageTable().clearPte(vaddr);
                case 1 -> mm.pageTable().setPte(vaddr, Pte.make(1 + random.nextInt(1000), Pte.PRESENT | Pte.USER));
                default -> mm.pageTable().setPte(vaddr,
                        Pte.make(1 + random.nextInt(1000), Pte.PRESENT | Pte.USER | Pte.RW));
            }
        }
        mmu.flushTlbMmRange(cpu, mm, BASE + first * Paging.PAGE_SIZE,
                BASE + (first + count) * Paging.PAGE_SIZE, random.nextInt(4) == 0);
    }

    private static void access(Mmu mmu, int cpu, SplittableRandom random, long seed, int step) {
        MmuContext mm = mmu.loadedMm(cpu);
        if (mm.isInitMm() || mmu.isLazy(cpu)) {
            return;
        }
        long vaddr = BASE + random.nextInt(PAGES) * Paging.PAGE_SIZE + random.nextInt(4096);
        AccessType access = random.nextBoolean() ? AccessType.READ : AccessType.WRITE;
        long pte = mm.pageTable().pte(vaddr);
        Translation t = mmu.translate(cpu, mm, vaddr, access);
        boolean allowed = (pte & Pte.PRESENT) != 0 && (access == AccessType.READ || Pte.isWrite(pte));
        String where = String.format("seed %d step %d cpu %d %s", seed, step, cpu, t);
        assertThat(t.ok()).as(where).isEqualTo(allowed);
        if (allowed) {
            assertThat(t.pfn()).as(where).isEqualTo(Pte.pfn(pte));
        }
    }
}
