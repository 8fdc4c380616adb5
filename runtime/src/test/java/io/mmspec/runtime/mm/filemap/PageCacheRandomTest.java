package io.mmspec.runtime.mm.filemap;

import static io.mmspec.runtime.mm.filemap.CacheRig.CPU;
import static io.mmspec.runtime.mm.filemap.CacheRig.PID;
import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.runtime.fs.Inode;
import io.mmspec.runtime.mm.mmap.VmFlags;
import io.mmspec.runtime.mm.pagealloc.MemMap;
import io.mmspec.runtime.mm.readahead.Fadvise;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random reads, writes, faults, fsync, sync, fadvise, drop_caches, reclaim and time
 * passing, against a model of each file's bytes: every read returns the model's bytes, the
 * invariants hold after every step, and after a final sync the disk holds exactly the model
 * (nothing written was lost, nothing dirty was dropped).
 */
class PageCacheRandomTest {
    private static final int FILES = 3;

    private final CacheRig rig = new CacheRig(64L << 20);
    private final MemMap memMap = rig.allocator.memMap();
    private final Inode[] files = new Inode[FILES];
    private final byte[][] model = new byte[FILES][];

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyReadSeesTheLastWriteAndTheDiskEndsEqualToTheModel(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int f = 0; f < FILES; f++) {
            int pages = 20 + random.nextInt(180);
            files[f] = rig.file("/data/" + f, pages);
            model[f] = new byte[pages * 4096];
            for (int i = 0; i < model[f].length; i++) {
                model[f][i] = CacheRig.expectedByte(i);
            }
        }
        for (int step = 0; step < 400; step++) {
            int f = random.nextInt(FILES);
            switch (random.nextInt(10)) {
                case 0, 1, 2 -> read(random, f);
                case 3, 4 -> write(random, f);
                case 5 -> fault(random, f);
                case 6 -> rig.step(() -> rig.cache.fsync(files[f], PID, CPU));
                case 7 -> rig.step(() -> rig.cache.fadvise(files[f], random.nextInt(model[f].length),
                        random.nextInt(64 * 4096), Fadvise.values()[random.nextInt(Fadvise.values().length)], PID, CPU));
                case 8 -> reclaimOrDrop(random, f);
                default -> rig.runUntil(rig.clock.now() + random.nextLong(10_000_000_000L));
            }
            rig.cache.checkInvariants();
        }
        rig.step(() -> rig.cache.sync(PID, CPU));
        assertThat(rig.cache.nrDirty()).isZero();
        assertThat(rig.cache.nrWriteback()).isZero();
        for (int f = 0; f < FILES; f++) {
            assertThat(files[f].size()).isEqualTo(model[f].length);
            for (int i = 0; i < model[f].length; i++) {
                if (files[f].diskByte(i) != model[f][i]) {
                    throw new AssertionError("file " + f + " byte " + i + " on disk differs from the model");
                }
            }
        }
    }

    private void read(SplittableRandom random, int f) {
        int offset = random.nextInt(model[f].length);
        int len = 1 + random.nextInt(3 * 4096);
        byte[] got = rig.stepGet(() -> rig.fileIo.read(files[f], offset, len, PID, CPU));
        byte[] want = Arrays.copyOfRange(model[f], offset, Math.min(model[f].length, offset + len));
        assertThat(got).isEqualTo(want);
    }

    private void write(SplittableRandom random, int f) {
        int offset = random.nextInt(model[f].length + 8 * 4096);
        byte[] data = new byte[1 + random.nextInt(5000)];
        random.nextBytes(data);
        rig.step(() -> rig.fileIo.write(files[f], offset, data, PID, CPU));
        if (offset + data.length > model[f].length) {
            model[f] = Arrays.copyOf(model[f], offset + data.length);
        }
        System.arraycopy(data, 0, model[f], offset, data.length);
    }

    private void fault(SplittableRandom random, int f) {
        long pages = files[f].pages();
        long pgoff = random.nextLong(pages);
        long[] flags = {0, VmFlags.VM_RAND_READ, VmFlags.VM_SEQ_READ, VmFlags.VM_EXEC};
        long vmFlags = flags[random.nextInt(flags.length)];
        long pfn = rig.stepGet(() -> rig.cache.filemapFault(files[f], pgoff, vmFlags, 0, pages, PID, CPU));
        int at = random.nextInt(4096);
        long offset = (pgoff << 12) + at;
        byte want = offset < model[f].length ? model[f][(int) offset] : 0;
        assertThat(memMap.readByte(pfn, at)).isEqualTo(want);
    }

    private void reclaimOrDrop(SplittableRandom random, int f) {
        if (random.nextBoolean()) {
            rig.step(() -> rig.cache.dropCleanUnmapped(CPU));
            return;
        }
        for (long index : rig.cache.mapping(files[f]).cachedIndexes()) {
            long pfn = rig.cache.findPage(files[f], index);
            if (rig.cache.reclaim().canRemove(pfn) && random.nextInt(4) == 0) {
                rig.cache.removeForReclaim(pfn, CPU);
            }
        }
    }
}
