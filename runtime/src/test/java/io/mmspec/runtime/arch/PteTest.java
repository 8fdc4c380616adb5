package io.mmspec.runtime.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PteTest {

    @Test
    void bitValuesAreTheX86Ones() {
        // arch/x86/include/asm/pgtable_types.h: _PAGE_BIT_PRESENT 0 ... _PAGE_BIT_SOFTW3 11, NX 63
        assertThat(new long[] {Pte.PRESENT, Pte.RW, Pte.USER, Pte.PWT, Pte.PCD, Pte.ACCESSED, Pte.DIRTY,
                Pte.PSE, Pte.GLOBAL, Pte.SPECIAL, Pte.UFFD_WP, Pte.SOFT_DIRTY})
                .containsExactly(0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800);
        assertThat(Pte.NX).isEqualTo(0x8000_0000_0000_0000L);
        // _PAGE_TABLE = P|RW|USER|A|D = 0x67, what pmd_populate writes
        assertThat(Pte.PAGE_TABLE).isEqualTo(0x67);
    }

    @Test
    void makePutsThePfnInBits12To51() {
        long pte = Pte.make(0x1234, Pte.PRESENT | Pte.RW | Pte.USER | Pte.NX);
        // 0x1234 << 12 = 0x1234000, flags 0x7 and bit 63
        assertThat(pte).isEqualTo(0x8000_0000_0123_4007L);
        assertThat(Pte.pfn(pte)).isEqualTo(0x1234);
        assertThat(Pte.flags(pte)).isEqualTo(Pte.PRESENT | Pte.RW | Pte.USER | Pte.NX);
        assertThat(Pte.isPresent(pte)).isTrue();
        assertThat(Pte.isWrite(pte)).isTrue();
        assertThat(Pte.isUser(pte)).isTrue();
        assertThat(Pte.isNx(pte)).isTrue();
        assertThat(Pte.isDirty(pte)).isFalse();
        assertThatThrownBy(() -> Pte.make(1L << 40, Pte.PRESENT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void helpersSetAndClearSingleBits() {
        long pte = Pte.make(7, Pte.PRESENT | Pte.USER);
        assertThat(Pte.isWrite(Pte.mkwrite(pte))).isTrue();
        assertThat(Pte.wrprotect(Pte.mkwrite(pte))).isEqualTo(pte);
        // pte_mkdirty sets _PAGE_DIRTY | _PAGE_SOFT_DIRTY; pte_mkclean clears only DIRTY
        assertThat(Pte.mkdirty(pte)).isEqualTo(pte | 0x40 | 0x800);
        assertThat(Pte.mkclean(Pte.mkdirty(pte))).isEqualTo(pte | 0x800);
        assertThat(Pte.mkold(Pte.mkyoung(pte))).isEqualTo(pte);
        assertThat(Pte.isYoung(Pte.mkyoung(pte))).isTrue();
        assertThat(Pte.isSpecial(Pte.mkspecial(pte))).isTrue();
        assertThat(Pte.isHuge(Pte.mkhuge(pte))).isTrue();
        assertThat(Pte.mkexec(pte | Pte.NX)).isEqualTo(pte);
    }

    @Test
    void protNoneEntryIsPresentForTheKernelButNotTheHardwareAndStoresTheInvertedPfn() {
        long pte = Pte.make(0x1234, Pte.PROTNONE | Pte.ACCESSED);
        // L1TF: pfn bits 12..51 inverted: 0xf_ffff_ffff_f000 ^ 0x123_4000 = 0xf_ffff_fedc_b000
        assertThat(pte).isEqualTo(0x000f_ffff_fedc_b120L);
        assertThat(Pte.pfn(pte)).isEqualTo(0x1234);
        assertThat(Pte.isPresent(pte)).isTrue();
        assertThat(Pte.isProtNone(pte)).isTrue();
        assertThat(pte & Pte.PRESENT).isZero();
        assertThat(Pte.isSwapEntry(pte)).isFalse();
    }

    @Test
    void modifyKeepsPfnAndAccessedDirtyAndFlipsPfnAcrossProtNone() {
        long rw = Pte.make(0x1234, Pte.PRESENT | Pte.RW | Pte.USER | Pte.ACCESSED | Pte.DIRTY | Pte.NX);
        long none = Pte.modify(rw, Pte.PROTNONE | Pte.ACCESSED);
        assertThat(Pte.isProtNone(none)).isTrue();
        assertThat(Pte.pfn(none)).isEqualTo(0x1234);
        assertThat(Pte.isDirty(none)).isTrue();
        long rx = Pte.modify(none, Pte.PRESENT | Pte.USER | Pte.ACCESSED);
        // back to present: pfn stored plainly again; D kept from the old entry, RW and NX from newProt (none)
        assertThat(rx).isEqualTo(0x0000_0000_0123_4065L);
    }

    @Test
    void swapEntryPacksTypeHighAndInvertedOffsetFromBit9() {
        // __swp_entry(0, 0) = ~0 << 14 >> 5: bits 9..58 all set
        assertThat(Pte.swapEntry(0, 0)).isEqualTo(0x07ff_ffff_ffff_fe00L);
        // type 1 in bit 59, offset 1 inverted clears bit 9
        assertThat(Pte.swapEntry(1, 1)).isEqualTo(0x0fff_ffff_ffff_fc00L);
        assertThat(Pte.describe(Pte.swapMkExclusive(Pte.swapEntry(1, 0x10)))).isEqualTo("swap type 1 offset 0x10 E");
        assertThatThrownBy(() -> Pte.swapEntry(32, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pte.swapType(Pte.make(1, Pte.PRESENT))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2024, 987_654_321})
    void swapEntryRoundTripsTypeOffsetAndFlags(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 2000; i++) {
            int type = random.nextInt(32);
            long offset = random.nextBoolean() ? random.nextLong(1L << 24) : random.nextLong(Pte.SWP_OFFSET_MAX + 1);
            long pte = Pte.swapEntry(type, offset);
            assertThat(Pte.isSwapEntry(pte)).as("type %d offset %d", type, offset).isTrue();
            assertThat(pte & 0x1ff).isZero(); // bits 0..8 clear: not present, not PROT_NONE, no PSE
            assertThat(Pte.swapType(pte)).isEqualTo(type);
            assertThat(Pte.swapOffset(pte)).isEqualTo(offset);
            long flagged = Pte.swapMkSoftDirty(Pte.swapMkExclusive(pte));
            assertThat(Pte.swapType(flagged)).isEqualTo(type);
            assertThat(Pte.swapOffset(flagged)).isEqualTo(offset);
            assertThat(Pte.swapIsExclusive(flagged) && Pte.swapIsSoftDirty(flagged)).isTrue();
            if (offset < 1L << 24) {
                // small offsets set the high physical-address bits (L1TF mitigation)
                assertThat(pte & (1L << 51)).isNotZero();
            }
        }
    }

    @Test
    void describeNamesTheSetBits() {
        long pte = Pte.make(0x1234, Pte.PRESENT | Pte.RW | Pte.USER | Pte.ACCESSED | Pte.DIRTY | Pte.NX);
        assertThat(Pte.describe(pte)).isEqualTo("pfn 0x1234 P RW U A D NX");
        assertThat(Pte.describe(Pte.make(0x10, Pte.PROTNONE | Pte.ACCESSED))).isEqualTo("pfn 0x10 A PROTNONE");
        assertThat(Pte.describe(0)).isEqualTo("none");
        assertThat(PfErrorCode.describe(PfErrorCode.PROT | PfErrorCode.WRITE | PfErrorCode.USER)).isEqualTo("PROT|WRITE|USER");
    }
}
