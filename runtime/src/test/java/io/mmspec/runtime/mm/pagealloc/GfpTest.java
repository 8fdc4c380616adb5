package io.mmspec.runtime.mm.pagealloc;

import static io.mmspec.runtime.mm.pagealloc.Gfp.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GfpTest {

    @Test
    void compositeMasksHaveTheKernelValues() {
        // include/linux/gfp_types.h, 6.18 without KASAN (so __GFP_SKIP_KASAN is 0)
        assertThat(GFP_KERNEL.mask()).isEqualTo(0xcc0);
        assertThat(GFP_ATOMIC.mask()).isEqualTo(0x820);
        assertThat(GFP_NOWAIT.mask()).isEqualTo(0x2800);
        assertThat(GFP_NOIO.mask()).isEqualTo(0xc00);
        assertThat(GFP_NOFS.mask()).isEqualTo(0xc40);
        assertThat(GFP_USER.mask()).isEqualTo(0x100cc0);
        assertThat(GFP_KERNEL_ACCOUNT.mask()).isEqualTo(0x400cc0);
        assertThat(GFP_HIGHUSER_MOVABLE.mask()).isEqualTo(0x100cca);
        // (0x100cca | COMP 0x40000 | NOMEMALLOC 0x80000 | NOWARN 0x2000) & ~0xc00
        assertThat(GFP_TRANSHUGE_LIGHT.mask()).isEqualTo(0x1c20ca);
        assertThat(GFP_TRANSHUGE.mask()).isEqualTo(0x1c24ca);
        assertThat(__GFP_ZERO.mask()).isEqualTo(0x100);
        assertThat(__GFP_COMP.mask()).isEqualTo(0x40000);
    }

    @Test
    void printsMasksAsPercentPGgDoes() {
        assertThat(GFP_HIGHUSER_MOVABLE.or(__GFP_COMP)).hasToString("GFP_HIGHUSER_MOVABLE|__GFP_COMP");
        assertThat(GFP_KERNEL.or(__GFP_ZERO)).hasToString("GFP_KERNEL|__GFP_ZERO");
        assertThat(GFP_ATOMIC.or(__GFP_NOWARN)).hasToString("GFP_ATOMIC|__GFP_NOWARN");
        assertThat(GFP_NOWAIT).hasToString("GFP_NOWAIT");
        assertThat(GFP_TRANSHUGE).hasToString("GFP_TRANSHUGE");
        assertThat(GFP_KERNEL.or(__GFP_DMA)).hasToString("GFP_KERNEL|GFP_DMA");
        // 0x200 is unused: left over in hex
        assertThat(GFP_KERNEL.or(new Gfp(0x200))).hasToString("GFP_KERNEL|0x200");
        assertThat(new Gfp(0)).hasToString("");
    }

    @Test
    void describesMaskAsWarnAllocPrintsIt() {
        assertThat(GFP_HIGHUSER_MOVABLE.or(__GFP_COMP).describe())
                .isEqualTo("0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)");
        assertThat(GFP_KERNEL.describe()).isEqualTo("0xcc0(GFP_KERNEL)");
    }

    @Test
    void parsesKernelNames() {
        assertThat(Gfp.parse("GFP_KERNEL|__GFP_ZERO").mask()).isEqualTo(0xdc0);
        assertThat(Gfp.parse("GFP_ATOMIC")).isEqualTo(GFP_ATOMIC);
        assertThatThrownBy(() -> Gfp.parse("GFP_KERNAL")).hasMessageContaining("unknown GFP flag 'GFP_KERNAL'");
    }

    @Test
    void selectsTheHighestZoneLikeGfpZone() {
        assertThat(GFP_KERNEL.zone()).isEqualTo(ZoneType.NORMAL);
        assertThat(GFP_KERNEL.or(GFP_DMA).zone()).isEqualTo(ZoneType.DMA);
        assertThat(GFP_KERNEL.or(GFP_DMA32).zone()).isEqualTo(ZoneType.DMA32);
        assertThat(GFP_HIGHUSER.zone()).isEqualTo(ZoneType.NORMAL);
        assertThat(GFP_HIGHUSER_MOVABLE.zone()).isEqualTo(ZoneType.MOVABLE);
        assertThat(GFP_KERNEL.or(__GFP_MOVABLE).zone()).isEqualTo(ZoneType.NORMAL);
        assertThatThrownBy(() -> GFP_DMA.or(GFP_DMA32).zone()).hasMessageContaining("GFP_ZONE_BAD");
    }

    @Test
    void derivesTheMigratetype() {
        assertThat(GFP_KERNEL.migratetype()).isEqualTo(MigrateType.UNMOVABLE);
        assertThat(GFP_HIGHUSER_MOVABLE.migratetype()).isEqualTo(MigrateType.MOVABLE);
        assertThat(GFP_KERNEL.or(__GFP_RECLAIMABLE).migratetype()).isEqualTo(MigrateType.RECLAIMABLE);
        assertThatThrownBy(() -> __GFP_MOVABLE.or(__GFP_RECLAIMABLE).migratetype())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundsSizesUpToAnOrder() {
        // the seed: 3 pages -> 4 pages, order 2
        assertThat(PageAllocator.getOrder(3 * 4096)).isEqualTo(2);
        assertThat(PageAllocator.getOrder(1)).isZero();
        assertThat(PageAllocator.getOrder(4096)).isZero();
        assertThat(PageAllocator.getOrder(4097)).isEqualTo(1);
        assertThat(PageAllocator.getOrder(4L << 20)).isEqualTo(10);
    }
}
