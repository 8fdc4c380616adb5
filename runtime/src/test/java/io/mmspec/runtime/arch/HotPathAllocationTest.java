package io.mmspec.runtime.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mmspec.runtime.uapi.AccessType;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * "Nothing may allocate per page on a hot path": translating and visiting leaves must cost no
 * heap per access. Measured with the JVM's per-thread allocation counter; 100,000 operations
 * that allocated even one object each would show at least 1.6 MB.
 */
class HotPathAllocationTest {
    private static final int PAGES = 1024;
    private static final long BASE = 0x40_0000L;

    private static long allocatedBytes() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        var hotspot = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled());
        return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void translateAllocatesNothingPerAccess() {
        Mmu mmu = new Mmu(MmuConfig.defaults(2).withTlbEntries(64, 8));
        MmuContext mm = mmu.initNewContext(new PageTable(new CountingAllocator()));
        for (int i = 0; i < PAGES; i++) {
            mm.pageTable().setPte(BASE + i * Paging.PAGE_SIZE, Pte.make(i + 1, Pte.PRESENT | Pte.RW | Pte.USER));
        }
        mmu.switchMm(0, mm);
        runTranslations(mmu, mm, 20_000); // warm up
        long before = allocatedBytes();
        long sum = runTranslations(mmu, mm, 100_000); // 64-entry TLB over 1024 pages: mostly walks
        long allocated = allocatedBytes() - before;
        assertThat(sum).isPositive();
        assertThat(allocated).isLessThan(16 * 1024);
        assertThat(mmu.tlb(0).misses()).isGreaterThan(50_000);
    }

    private static long runTranslations(Mmu mmu, MmuContext mm, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            long vaddr = BASE + (i * 37L % PAGES) * Paging.PAGE_SIZE;
            sum += mmu.translate(0, mm, vaddr, (i & 1) == 0 ? AccessType.READ : AccessType.WRITE).physicalAddress();
        }
        return sum;
    }

    @Test
    void forEachLeafAllocatesNothingPerEntry() {
        PageTable table = new PageTable(new CountingAllocator());
        for (int i = 0; i < 100_000; i++) {
            table.setPte(BASE + i * Paging.PAGE_SIZE, Pte.make(i + 1, Pte.PRESENT | Pte.RW | Pte.USER));
        }
        LeafVisitor wrprotect = (vaddr, entry, huge) -> Pte.wrprotect(entry);
        table.forEachLeaf(0, Paging.USER_SPACE_END, wrprotect); // warm up
        long before = allocatedBytes();
        table.forEachLeaf(0, Paging.USER_SPACE_END, wrprotect);
        long allocated = allocatedBytes() - before;
        assertThat(allocated).isLessThan(16 * 1024);
        assertThat(Pte.isWrite(table.pte(BASE + 99_999 * Paging.PAGE_SIZE))).isFalse();
    }
}
