package io.mmspec.runtime.mm.slub;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlubInvariantsTest {
    private final SlubRig rig = SlubRig.twoCpus();
    private final KmemCache cache = rig.slab.createCache("checked", 512, 0, EnumSet.noneOf(SlabFlag.class));

    @Test
    void aWrongInuseCountIsFound() {
        long obj = rig.slab.alloc(cache, Gfp.GFP_KERNEL, 0);
        rig.slab.pages.virtToSlab(obj).inuse--;
        assertThatThrownBy(rig.slab::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inuse");
    }

    @Test
    void aSlabOnTwoListsIsFound() {
        long obj = rig.slab.alloc(cache, Gfp.GFP_KERNEL, 0);
        Slab slab = rig.slab.pages.virtToSlab(obj);
        slab.onNodePartial = true;
        cache.node.partial.addTail(slab);
        assertThatThrownBy(rig.slab::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("also elsewhere");
    }

    @Test
    void lostSlabBytesAreFound() {
        rig.slab.alloc(cache, Gfp.GFP_KERNEL, 0);
        rig.slab.pages.unreclaimableBytes += 4096;
        assertThatThrownBy(rig.slab::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SUnreclaim");
    }
}
