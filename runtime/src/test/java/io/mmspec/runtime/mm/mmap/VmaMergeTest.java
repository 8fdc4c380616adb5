package io.mmspec.runtime.mm.mmap;

import static io.mmspec.runtime.mm.mmap.Fixture.ANON;
import static io.mmspec.runtime.mm.mmap.Fixture.MMAP_BASE;
import static io.mmspec.runtime.mm.mmap.Fixture.RW;
import static io.mmspec.runtime.mm.mmap.X86MmapLayout.PAGE_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.uapi.Errno;
import io.mmspec.runtime.uapi.MapFlags;
import io.mmspec.runtime.uapi.Prot;
import io.mmspec.runtime.uapi.SyscallException;
import org.junit.jupiter.api.Test;

/** Merge and split, as kernel-facts.md section 4 measured them on a 6.18 machine. */
class VmaMergeTest {
    private static final long X = 0x10000000L;
    private final Fixture f = new Fixture();

    @Test
    void twoAdjacentAnonymousMmapsBecomeOneVma() {
        // top-down: the first page goes right under mmap_base, the second right under it
        long first = f.anon(0, 1, RW);
        long second = f.anon(0, 1, RW);

        assertThat(f.draw(second, 2)).isEqualTo("ww");
        assertThat(first).isEqualTo(MMAP_BASE - PAGE_SIZE);
        assertThat(second).isEqualTo(MMAP_BASE - 2 * PAGE_SIZE);
        assertThat(f.mm.mapCount()).isEqualTo(1);
        assertThat(f.maps()).isEqualTo("7ffff7ffd000-7ffff7fff000 rw-p 00000000 00:00 0 \n");
    }

    @Test
    void protectingTheMiddlePageGivesThreeVmasAndRestoringItGivesOne() {
        long addr = f.anon(0, 3, RW);

        f.protect(addr + PAGE_SIZE, 1, Prot.READ);
        assertThat(f.draw(addr, 3)).isEqualTo("w|r|w");
        assertThat(f.mm.mapCount()).isEqualTo(3);

        f.protect(addr + PAGE_SIZE, 1, RW);
        assertThat(f.draw(addr, 3)).isEqualTo("www");
        assertThat(f.mm.mapCount()).isEqualTo(1);
    }

    @Test
    void munmapOfTheMiddleSplitsInTwoAndZapsOnlyTheMiddle() {
        long addr = f.anon(0, 3, RW);
        f.ops.take();

        f.unmap(addr + PAGE_SIZE, 1);

        assertThat(f.draw(addr, 3)).isEqualTo("w.w");
        assertThat(f.mm.mapCount()).isEqualTo(2);
        assertThat(f.ops.take()).containsExactly(
                String.format("zap %x-%x rw-p", addr + PAGE_SIZE, addr + 2 * PAGE_SIZE));
    }

    @Test
    void fileMappingNextToAnonymousOneDoesNotMerge() {
        TestFile file = new TestFile("/data/f", 1 << 20, 7);
        f.anon(X, 1, RW);
        f.mmap.mmap(f.mm, X + PAGE_SIZE, PAGE_SIZE, RW, MapFlags.PRIVATE | MapFlags.FIXED, file, 0);
        f.mm.checkInvariants();

        assertThat(f.draw(X, 2)).isEqualTo("w|w");
        assertThat(f.mm.mapCount()).isEqualTo(2);
    }

    @Test
    void fileMappingsMergeOnlyWithContiguousOffsets() {
        TestFile file = new TestFile("/data/f", 1 << 20, 7);
        int fixed = MapFlags.PRIVATE | MapFlags.FIXED;
        f.mmap.mmap(f.mm, X, PAGE_SIZE, Prot.READ, fixed, file, 0);
        f.mmap.mmap(f.mm, X + PAGE_SIZE, PAGE_SIZE, Prot.READ, fixed, file, 5); // gap in pgoff
        f.mmap.mmap(f.mm, X + 2 * PAGE_SIZE, PAGE_SIZE, Prot.READ, fixed, file, 6);
        f.mm.checkInvariants();

        assertThat(f.draw(X, 3)).isEqualTo("r|rr");
        assertThat(f.mm.mapCount()).isEqualTo(2);
        assertThat(f.maps()).isEqualTo(
                // 40 header characters, padded to 72, one space: the path starts at column 73
                "10000000-10001000 r--p 00000000 08:01 7"
                        + " ".repeat(34) + "/data/f\n"
                        + "10001000-10003000 r--p 00005000 08:01 7"
                        + " ".repeat(34) + "/data/f\n");
    }

    @Test
    void mapFixedReplacesTheRangeAndZapsExactlyTheOverlap() {
        f.anon(X, 4, RW);
        f.ops.take();

        long addr = f.mmap.mmap(f.mm, X + PAGE_SIZE, 2 * PAGE_SIZE, Prot.READ,
                ANON | MapFlags.FIXED, null, 0);
        f.mm.checkInvariants();

        assertThat(f.draw(X, 4)).isEqualTo("w|rr|w");
        assertThat(addr).isEqualTo(X + PAGE_SIZE);
        assertThat(f.ops.take()).containsExactly("zap 10001000-10003000 rw-p");
    }

    @Test
    void mapFixedNoReplaceOverAMappingFailsWithEexistAndChangesNothing() {
        f.anon(X, 4, RW);
        f.ops.take();

        assertThatThrownBy(() -> f.mmap.mmap(f.mm, X + 3 * PAGE_SIZE, 2 * PAGE_SIZE, RW,
                ANON | MapFlags.FIXED_NOREPLACE, null, 0))
                .isInstanceOf(SyscallException.class)
                .extracting(e -> ((SyscallException) e).errno()).isEqualTo(Errno.EEXIST);
        assertThat(f.draw(X, 6)).isEqualTo("wwww..");
        assertThat(f.ops.take()).isEmpty();
    }

    @Test
    void mmapFailsWithEnomemOnceMapCountExceedsTheLimit() {
        // do_mmap() refuses when map_count > max_map_count: with a limit of 8 the 9th VMA is
        // still created (map_count was 8), the 10th is not
        Fixture small = new Fixture(
                MmapConfig.defaults().withRandomizeVaSpace(0).withMaxMapCount(8));
        long low = 0;
        for (int i = 0; i < 9; i++) {
            low = small.anon(0, 1, i % 2 == 0 ? Prot.READ : RW);
        }
        assertThat(small.draw(low, 9)).isEqualTo("r|w|r|w|r|w|r|w|r");
        assertThat(small.mm.mapCount()).isEqualTo(9);

        assertThatThrownBy(() -> small.anon(0, 1, RW))
                .extracting(e -> ((SyscallException) e).errno()).isEqualTo(Errno.ENOMEM);
        assertThat(small.mm.mapCount()).isEqualTo(9);
    }

    @Test
    void splittingAtTheMapCountLimitFailsWithEnomem() {
        Fixture small = new Fixture(
                MmapConfig.defaults().withRandomizeVaSpace(0).withMaxMapCount(2));
        small.anon(X, 3, RW);
        small.anon(X + 4 * PAGE_SIZE, 1, RW);

        // a hole in the middle would make 3 VMAs from 1 with map_count already at the limit
        assertThatThrownBy(() -> small.unmap(X + PAGE_SIZE, 1))
                .extracting(e -> ((SyscallException) e).errno()).isEqualTo(Errno.ENOMEM);
        assertThatThrownBy(() -> small.protect(X + PAGE_SIZE, 1, Prot.READ))
                .extracting(e -> ((SyscallException) e).errno()).isEqualTo(Errno.ENOMEM);
        // an edge may go: munmap lets map_count stay where it is
        small.unmap(X, 1);
        assertThat(small.draw(X, 5)).isEqualTo(".ww.w");
    }

    @Test
    void aFaultedVmaStillMergesWithAFreshNeighbour() {
        long addr = f.anon(0, 2, RW);
        Vma faulted = f.mmap.anonVmaPrepare(f.mm, f.mm.vmaLookup(addr));
        long below = f.anon(0, 1, RW);

        assertThat(f.draw(below, 3)).isEqualTo("www");
        assertThat(f.mm.vmaLookup(below).anonVma()).isSameAs(faulted.anonVma());
    }

    @Test
    void neighboursFaultedApartMergeOnlyOnOneSideWhenTheHoleIsFilled() {
        f.mmap.anonVmaPrepare(f.mm, f.mm.vmaLookup(f.anon(X, 1, RW)));
        f.mmap.anonVmaPrepare(f.mm, f.mm.vmaLookup(f.anon(X + 2 * PAGE_SIZE, 1, RW)));
        assertThat(f.mm.vmaLookup(X).anonVma()).isNotSameAs(f.mm.vmaLookup(X + 2 * PAGE_SIZE).anonVma());

        f.anon(X + PAGE_SIZE, 1, RW);

        // prev and next each accept the new page, but not each other: it joins prev only
        assertThat(f.draw(X, 3)).isEqualTo("ww|w");
        assertThat(f.mm.mapCount()).isEqualTo(2);
    }

    @Test
    void anonVmaPrepareReusesANeighboursAnonVmaWhateverTheProtection() {
        long addr = f.anon(0, 2, RW);
        f.protect(addr, 1, Prot.READ);
        Vma low = f.mmap.anonVmaPrepare(f.mm, f.mm.vmaLookup(addr));
        Vma high = f.mmap.anonVmaPrepare(f.mm, f.mm.vmaLookup(addr + PAGE_SIZE));
        f.mm.checkInvariants();

        assertThat(high.anonVma()).isSameAs(low.anonVma());
        f.protect(addr, 1, RW);
        assertThat(f.draw(addr, 2)).isEqualTo("ww");
    }

    @Test
    void modifyingSeveralVmasMergesThemAll() {
        f.anon(X, 1, Prot.READ);
        f.anon(X + PAGE_SIZE, 1, Prot.NONE);
        f.anon(X + 2 * PAGE_SIZE, 1, Prot.READ);
        assertThat(f.draw(X, 3)).isEqualTo("r|-|r");

        f.protect(X, 3, Prot.READ | Prot.EXEC);

        assertThat(f.draw(X, 3)).isEqualTo("xxx");
        assertThat(f.mmap.modifyFlags(f.mm, X, X + 3 * PAGE_SIZE, old -> old)).hasSize(1);
    }

    @Test
    void aMappingThatWasWritableKeepsItsCommitChargeAndStaysApart() {
        // private writable memory is VM_ACCOUNT; mprotect keeps the flag (and the charge), so
        // it no longer matches a neighbour that was never writable
        f.anon(X, 1, RW);
        f.anon(X + PAGE_SIZE, 2, Prot.READ);

        f.protect(X, 3, Prot.READ | Prot.EXEC);

        assertThat(f.draw(X, 3)).isEqualTo("x|xx");
        assertThat(f.mm.vmaLookup(X).flags() & VmFlags.VM_ACCOUNT).isNotZero();
        assertThat(f.ops.committed).isEqualTo(1);
    }

    @Test
    void modifyFlagsSkipsHolesAndReportsTheVmasInTheRange() {
        f.anon(X, 2, RW);
        f.anon(X + 3 * PAGE_SIZE, 2, RW);

        var result = f.mmap.modifyFlags(f.mm, X + PAGE_SIZE, X + 4 * PAGE_SIZE,
                old -> old | VmFlags.VM_LOCKED);
        f.mm.checkInvariants();

        assertThat(f.draw(X, 5)).isEqualTo("w|w.w|w");
        assertThat(result).extracting(Vma::start).containsExactly(X + PAGE_SIZE, X + 3 * PAGE_SIZE);
        assertThat(f.mm.lockedVm()).isEqualTo(2);
        assertThat(f.mm.firstHole(X + PAGE_SIZE, X + 4 * PAGE_SIZE)).isEqualTo(X + 2 * PAGE_SIZE);
    }
}
