package io.mmspec.runtime.mm.vmscan;

import static io.mmspec.runtime.mm.vmscan.ReclaimFixture.MB;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import io.mmspec.runtime.sim.VmEvent;
import io.mmspec.runtime.task.Task;
import org.junit.jupiter.api.Test;

/**
 * One direct reclaim (32 pages wanted) over 3000 aged anonymous pages and 100 clean file
 * pages, all inactive, with swap: swappiness decides which list get_scan_count() scans.
 *
 * Each priority scans size &gt;&gt; priority of what is left on the list:
 *
 * <pre>
 *   priority          12  11    10    9     8     7     6   5   4   3   2
 *   anon left       3000 3000  2999  2997  2992  2981
 *   anon scanned       0   1     2     5    11    23
 *   file left        100 100   100   100   100   100   100  99  96  90  79
 *   file scanned       0   0     0     0     0     0     1   3   6  11  19
 * </pre>
 *
 * swappiness 200: ap &gt; 0, fp = 0, so SCAN_FRACT scans anon only: 1+2+5+11+23 = 42 by
 * priority 7, the first sum past 32. swappiness 0: ap = 0, so nothing until cache_trim_mode
 * (inactive file &gt;&gt; priority != 0) turns on at priority 6: 1+3+6+11+19 = 40 file pages by
 * priority 2.
 */
class SwappinessTest {
    private ReclaimFixture f;

    private void anonAndFilePages(int swappiness, long swapBytes) {
        f = ReclaimFixture.boot(64 * MB, swapBytes, swappiness);
        Task p = f.spawn("p", 100);
        long buf = f.mapAnon(p, 3000);
        for (int i = 0; i < 3000; i++) {
            f.write(p, buf + i * 4096L, 1);
        }
        f.age(p, buf, 3000);
        for (int i = 0; i < 100; i++) {
            f.files.addCleanPage();
        }
    }

    @Test
    void swappiness200SwapsAnonymousPagesAndLeavesTheFileCacheOnceTheWritesAreDone() {
        anonAndFilePages(200, 64 * MB);

        // first pass: SCAN_ANON writes anonymous pages, asynchronously, so nothing is freed
        // above priority 0; at priority 0 get_scan_count() scans both types equally ("close to
        // OOM"), and the clean file pages go
        long first = f.vmscan.directReclaim(0, Gfp.GFP_HIGHUSER_MOVABLE);
        long written = f.event(VmEvent.PSWPOUT);
        assertThat(written).isGreaterThanOrEqualTo(32);
        assertThat(f.event(VmEvent.PGSTEAL_ANON)).isZero();
        assertThat(f.event(VmEvent.PGSTEAL_FILE)).isEqualTo(first);
        long fileScanned = f.event(VmEvent.PGSCAN_FILE);

        // the disk finishes; the written pages rotate to the inactive tail and the next direct
        // reclaim frees them without touching the file cache
        f.m.queue().runUntil(f.swap.writebackCompletionOf(Long.MAX_VALUE));
        assertThat(f.event(VmEvent.PGROTATED)).isEqualTo(written);
        long second = f.vmscan.directReclaim(0, Gfp.GFP_HIGHUSER_MOVABLE);

        assertThat(second).isGreaterThanOrEqualTo(32);
        assertThat(f.event(VmEvent.PGSTEAL_ANON)).isEqualTo(second);
        assertThat(f.event(VmEvent.PGSCAN_FILE)).isEqualTo(fileScanned);
        f.checkInvariants();
    }

    @Test
    void swappiness0DropsCleanFilePagesAndSwapsNothing() {
        anonAndFilePages(0, 64 * MB);

        long reclaimed = f.vmscan.directReclaim(0, Gfp.GFP_HIGHUSER_MOVABLE);

        assertThat(reclaimed).isEqualTo(40);
        assertThat(f.event(VmEvent.PGSTEAL_FILE)).isEqualTo(40);
        assertThat(f.event(VmEvent.PGSTEAL_DIRECT)).isEqualTo(40);
        assertThat(f.files.nrCached()).isEqualTo(60);
        assertThat(f.event(VmEvent.PGSCAN_ANON)).isZero();
        assertThat(f.event(VmEvent.PSWPOUT)).isZero();
        f.checkInvariants();
    }

    @Test
    void withoutSwapOnlyFilePagesAreScannedWhateverTheSwappiness() {
        anonAndFilePages(200, 0);

        long reclaimed = f.vmscan.directReclaim(0, Gfp.GFP_HIGHUSER_MOVABLE);

        // SCAN_FILE from priority 12 on: 100 >> p is first non-zero at 6, the same 40 as above
        assertThat(reclaimed).isEqualTo(40);
        assertThat(f.event(VmEvent.PGSCAN_ANON)).isZero();
        f.checkInvariants();
    }
}
