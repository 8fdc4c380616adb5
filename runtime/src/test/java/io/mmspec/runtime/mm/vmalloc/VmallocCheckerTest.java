package io.mmspec.runtime.mm.vmalloc;

import static io.mmspec.runtime.mm.vmalloc.Kernel.KB;
import static io.mmspec.runtime.mm.vmalloc.Kernel.MB;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.runtime.mm.pagealloc.Gfp;
import org.junit.jupiter.api.Test;

/** The invariant checks catch a broken state instead of passing it. */
class VmallocCheckerTest {
    private final Kernel k = Kernel.boot(64 * MB, 1);

    @Test
    void catchesAMappedPageThatWasFreedBehindVmallocsBack() {
        long addr = k.vmalloc.vmalloc(8 * KB, Gfp.GFP_KERNEL, "a");
        long pfn = k.vmalloc.translate(addr).orElseThrow();

        k.pages.freePages(pfn, 0, 0);

        assertThatThrownBy(k.vmalloc::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("maps pfn " + pfn + ", which is free");
    }

    @Test
    void catchesTwoAreasMappingTheSameFrame() {
        long a = k.vmalloc.vmalloc(8 * KB, Gfp.GFP_KERNEL, "a");
        long b = k.vmalloc.vmalloc(8 * KB, Gfp.GFP_KERNEL, "b");
        VmapArea areaB = areaAt(b);

        areaB.pages[0] = k.vmalloc.translate(a).orElseThrow();

        assertThatThrownBy(k.vmalloc::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mapped by two vmalloc pages");
    }

    @Test
    void catchesARangeThatIsBothFreeAndBusy() {
        long a = k.vmalloc.vmalloc(8 * KB, Gfp.GFP_KERNEL, "a");
        VmapSpace space = spaceOf(k.vmalloc);

        space.free.free(a - space.base, a - space.base + 4 * KB);

        assertThatThrownBy(k.vmalloc::checkInvariants).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("overlaps");
    }

    private VmapArea areaAt(long addr) {
        return spaceOf(k.vmalloc).findBusy(addr);
    }

    private static VmapSpace spaceOf(Vmalloc vmalloc) {
        try {
            java.lang.reflect.Field field = Vmalloc.class.getDeclaredField("space");
            field.setAccessible(true);
            return (VmapSpace) field.get(vmalloc);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
