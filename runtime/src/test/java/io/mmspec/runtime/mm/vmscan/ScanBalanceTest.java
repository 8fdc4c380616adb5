package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.MachineConfig;
import io.mmspec.runtime.mm.memory.ThpMode;
import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.pagealloc.PageAllocator;
import io.mmspec.runtime.mm.pagealloc.PageFlags;
import io.mmspec.runtime.mm.pagealloc.ZoneType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * get_scan_count() and inactive_is_low() with list sizes built from 512-page folios, numbers
 * worked out from the formulas of kernel-facts §11.
 */
class ScanBalanceTest {
    private ReclaimFixture f;

    /** Puts {@code blocks} folios of 512 pages on {@code lru} (flags set to match the list). */
    private void fill(LruList lru, int blocks) {
        PageAllocator allocator = f.m.pageAllocator();
        MemMap memMap = allocator.memMap();
        for (int i = 0; i < blocks; i++) {
            long head = allocator.allocPages(9, Gfp.GFP_HIGHUSER_MOVABLE, 0);
            if (!lru.isFile()) {
                memMap.setFlag(head, PageFlags.PG_swapbacked);
            }
            if (lru.isActive()) {
                memMap.setFlag(head, PageFlags.PG_active);
            }
            f.vmscan.lruvec().lruAdd(head, 9);
        }
    }

    private ScanControl control(int priority) {
        ScanControl sc = new ScanControl(false, Gfp.GFP_HIGHUSER_MOVABLE);
        sc.priority = priority;
        sc.reclaimIdx = ZoneType.MOVABLE.ordinal();
        sc.maySwap = true;
        return sc;
    }

    private long[] scanCount(ScanControl sc) {
        long[] nr = new long[4];
        f.vmscan.scanBalance().prepare(sc);
        f.vmscan.scanBalance().getScanCount(sc, nr);
        return nr;
    }

    @Test
    void theInactiveRatioIsTheSquareRootOfTenTimesTheGigabytes() {
        assertThat(ScanBalance.intSqrt(10)).isEqualTo(3);       // 1 GB
        assertThat(ScanBalance.intSqrt(100)).isEqualTo(10);     // 10 GB
        assertThat(ScanBalance.intSqrt(1000)).isEqualTo(31);    // 100 GB
        assertThat(ScanBalance.intSqrt(10240)).isEqualTo(101);  // 1 TB
    }

    @Test
    void aGigabyteOfAnonNeedsAQuarterOfItInactive() {
        f = ReclaimFixture.boot(2048 * MB, 64 * MB, 60);
        fill(LruList.INACTIVE_ANON, 128); // 65536 pages
        fill(LruList.ACTIVE_ANON, 384);   // 196608: 1 GB in all, ratio 3
        // 65536 * 3 = 196608, not below 196608
        assertThat(f.vmscan.scanBalance().inactiveIsLow(LruList.INACTIVE_ANON)).isFalse();
        fill(LruList.ACTIVE_ANON, 1);     // 1 GB + 2 MB: still ratio 3; 196608 < 197120
        assertThat(f.vmscan.scanBalance().inactiveIsLow(LruList.INACTIVE_ANON)).isTrue();
    }

    @Test
    void scanFractWeighsTheListsBySwappinessAndCost() {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 60);
        fill(LruList.INACTIVE_ANON, 8);  // 4096
        fill(LruList.INACTIVE_FILE, 2);  // 1024
        fill(LruList.ACTIVE_FILE, 6);    // 3072: file inactive is low, so no cache trim
        f.vmscan.lruvec().anonCost = 100;
        f.vmscan.lruvec().fileCost = 300;

        long[] nr = scanCount(control(4));

        // T = 400, a = 500, f = 700; ap = 60·1201/501 = 143; fp = 140·1201/701 = 239
        // inactive anon 4096>>4 = 256 → 256·143/382 = 95; inactive file 64·239/382 = 40;
        // active file 192·239/382 = 120
        assertThat(f.vmscan.scanBalance().lastMode()).isEqualTo(ScanBalance.Mode.FRACT);
        assertThat(nr).containsExactly(95, 0, 40, 120);
    }

    @Test
    void plentyOfInactiveFileTrimsTheCacheOnly() {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 200);
        fill(LruList.INACTIVE_ANON, 8);
        fill(LruList.INACTIVE_FILE, 8); // 4096 >> 12 = 1, and the file lists need no aging

        long[] nr = scanCount(control(12));

        assertThat(f.vmscan.scanBalance().lastMode()).isEqualTo(ScanBalance.Mode.FILE);
        assertThat(nr).containsExactly(0, 0, 1, 0);
    }

    @Test
    void priorityZeroScansEverythingEquallyUnlessSwappinessIsZero() {
        f = ReclaimFixture.boot(64 * MB, 16 * MB, 1);
        fill(LruList.INACTIVE_ANON, 2);
        fill(LruList.ACTIVE_FILE, 2);

        assertThat(scanCount(control(0))).containsExactly(1024, 0, 0, 1024);
        assertThat(f.vmscan.scanBalance().lastMode()).isEqualTo(ScanBalance.Mode.EQUAL);

        f.vmscan.setSwappiness(0);
        long[] nr = scanCount(control(0));
        assertThat(f.vmscan.scanBalance().lastMode()).isEqualTo(ScanBalance.Mode.FRACT);
        assertThat(nr[LruList.INACTIVE_ANON.ordinal()]).isZero();
    }

    @Test
    void withoutFreeSwapOnlyTheFileListsAreScanned() {
        f = ReclaimFixture.boot(64 * MB, 0, 200);
        fill(LruList.INACTIVE_ANON, 2);
        fill(LruList.ACTIVE_FILE, 2);

        assertThat(scanCount(control(0))).containsExactly(0, 0, 0, 1024);
        assertThat(f.vmscan.scanBalance().lastMode()).isEqualTo(ScanBalance.Mode.FILE);
    }

    @Test
    void whenFileAndFreeFitUnderTheHighWatermarksAnonIsScannedAlone() {
        f = ReclaimFixture.boot(MachineConfig.builder(16 * MB, 1).aslr(false).thp(ThpMode.NEVER)
                .disks(List.of(ReclaimFixture.SSD)).watermarks(new MachineConfig.Watermarks(1000, 2000, 4000)),
                16 * MB, 60);
        fill(LruList.INACTIVE_ANON, 1); // 512 anonymous, 512 file pages: file + free = 4095 - 512 - ...
        fill(LruList.INACTIVE_FILE, 1);
        long free = f.m.pageAllocator().nrFreePages();
        assertThat(512 + free).isLessThanOrEqualTo(4000);

        long[] nr = scanCount(control(1));

        assertThat(f.vmscan.scanBalance().lastMode()).isEqualTo(ScanBalance.Mode.ANON);
        assertThat(nr).containsExactly(256, 0, 0, 0);
    }
}
