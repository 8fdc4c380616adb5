package io.mmspec.runtime.mm.slub;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CacheLayoutTest {
    private static final Set<SlabFlag> NONE = EnumSet.noneOf(SlabFlag.class);

    @Test
    void minObjectsFollowTheCpuCount() {
        // min_objects = 4 * (fls(cpus) + 1): 2 CPUs -> 12, 8 CPUs -> 20.
        // 256 B: 12 * 256 = 3 KiB -> order 0 holds 16 with no waste; 20 * 256 = 5 KiB -> order 1.
        assertThat(CacheLayout.calculateOrder(256, SlubConfig.defaults(2))).isZero();
        assertThat(CacheLayout.calculateOrder(256, SlubConfig.defaults(8))).isEqualTo(1);
        assertThat(CacheLayout.orderObjects(1, 256)).isEqualTo(32);
    }

    @Test
    void slubMinObjectsAndMaxOrderOverrideTheDefaults() {
        // slub_min_objects=64 for 512 B: 32 KiB wanted, order 3; slub_max_order=1 caps it at 16 KiB / 512 = 32.
        assertThat(CacheLayout.calculateOrder(512, new SlubConfig(2, "", 64, 3))).isEqualTo(3);
        assertThat(CacheLayout.calculateOrder(512, new SlubConfig(2, "", 64, 1))).isEqualTo(1);
    }

    @Test
    void hwcacheAlignRoundsSmallObjectsToAFractionOfTheLine() {
        // calculate_alignment(): 20 B halves the 64-byte line while size <= ralign/2: 64 -> 32.
        assertThat(CacheLayout.calculateAlignment(EnumSet.of(SlabFlag.SLAB_HWCACHE_ALIGN), 0, 20)).isEqualTo(32);
        assertThat(CacheLayout.calculateAlignment(EnumSet.of(SlabFlag.SLAB_HWCACHE_ALIGN), 0, 100)).isEqualTo(64);
        assertThat(CacheLayout.calculateAlignment(NONE, 0, 20)).isEqualTo(8);
    }

    @Test
    void withoutDebugTheFreePointerSitsInTheMiddleOfTheObject() {
        CacheLayout l = CacheLayout.compute(100, 8, NONE, SlubConfig.defaults(2));
        // ALIGN(100, 8) = 104; offset ALIGN_DOWN(50, 8) = 48; 12 * 104 fits order 0: 39 objects, 40 B left.
        assertThat(l.size()).isEqualTo(104);
        assertThat(l.offset()).isEqualTo(48);
        assertThat(l.objects()).isEqualTo(39);
        assertThat(l.leftover()).isEqualTo(4096 - 39 * 104);
    }

    @Test
    void fullDebugAddsRedZonesFreePointerTracksAndPadding() {
        Set<SlabFlag> fzpu = EnumSet.of(SlabFlag.SLAB_CONSISTENCY_CHECKS, SlabFlag.SLAB_RED_ZONE,
                SlabFlag.SLAB_POISON, SlabFlag.SLAB_STORE_USER, SlabFlag.SLAB_KMALLOC);
        CacheLayout l = CacheLayout.compute(2048, 2048, fzpu, SlubConfig.defaults(2));
        // 2048 + 8 right red zone = inuse 2056; fp after it: 2064; 2 tracks 64 + orig size 4 = 2132;
        // + 8 padding word = 2140; red_left_pad = ALIGN(8, 2048) = 2048 -> 4188 -> ALIGN 2048 = 6144.
        assertThat(l.inuse()).isEqualTo(2056);
        assertThat(l.offset()).isEqualTo(2056);
        assertThat(l.redLeftPad()).isEqualTo(2048);
        assertThat(l.size()).isEqualTo(6144);
        // max_objects at order 3 = 5 caps min_objects; get_order(5 * 6144) = 3, leftover 2048 <= 32768/16.
        assertThat(l.order()).isEqualTo(3);
        assertThat(l.objects()).isEqualTo(5);
    }
}
