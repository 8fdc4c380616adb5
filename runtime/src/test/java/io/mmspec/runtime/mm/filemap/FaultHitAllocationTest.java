package io.mmspec.runtime.mm.filemap;

import static io.mmspec.runtime.mm.filemap.CacheRig.CPU;
import static io.mmspec.runtime.mm.filemap.CacheRig.PID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mmspec.runtime.fs.Inode;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * "Nothing may allocate per page on a hot path": a fault that finds its page cached, and
 * fault-around's test of a page, look up the readahead state and the page without allocating.
 */
class FaultHitAllocationTest {
    private static long allocatedBytes() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        var hotspot = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled());
        return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void cachedFaultsAndFaultAroundAllocateNothing() {
        CacheRig rig = new CacheRig(256L << 20);
        Inode file = rig.file("/lib/libc.so", 256);
        for (long i = 0; i < 256; i++) {
            rig.readPage(file, i); // every marker met and cleared: faults below are plain hits
        }
        long sum = hits(rig, file, 20_000); // warm up
        long before = allocatedBytes();
        sum += hits(rig, file, 100_000);
        long allocated = allocatedBytes() - before;
        assertThat(sum).isPositive();
        assertThat(allocated).isLessThan(16 * 1024); // one object per fault would be > 1.6 MB
        assertThat(rig.cache.lastWasMiss()).isFalse();
    }

    private static long hits(CacheRig rig, Inode file, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            long pgoff = i * 37L % 256;
            sum += rig.cache.filemapFault(file, pgoff, 0, 0, 256, PID, CPU);
            sum += rig.cache.mapPagesAround(file, (pgoff + 1) % 256, PID);
        }
        return sum;
    }
}
