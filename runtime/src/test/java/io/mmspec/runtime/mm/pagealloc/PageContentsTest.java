package io.mmspec.runtime.mm.pagealloc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A page's bytes read back as written, whether kept as a few triples or as a full 4 KB array. */
class PageContentsTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 17, 99})
    void bytesReadBackAsWrittenAcrossTheCompactAndTheFullForm(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] page = null;
        byte[] model = new byte[MemMap.PAGE_SIZE];
        int writes = random.nextInt(1, 40); // below and above SMALL_MAX distinct offsets
        for (int i = 0; i < writes; i++) {
            int offset = random.nextInt(MemMap.PAGE_SIZE);
            byte value = (byte) random.nextInt(256);
            page = PageContents.set(page, offset, value);
            model[offset] = value;
        }
        for (int offset = 0; offset < MemMap.PAGE_SIZE; offset++) {
            assertThat(PageContents.get(page, offset)).as("offset %d", offset).isEqualTo(model[offset]);
        }
        assertThat(PageContents.expand(page)).isEqualTo(model);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 16, 17})
    void aFewBytesStayCompactAndMoreGetAFullPage(int bytes) {
        byte[] page = null;
        for (int i = 0; i < bytes; i++) {
            page = PageContents.set(page, i * 100, (byte) 7);
        }
        // 3 bytes per written byte up to SMALL_MAX (16), then the whole 4096-byte page
        assertThat(page).hasSize(bytes <= PageContents.SMALL_MAX ? 3 * bytes : MemMap.PAGE_SIZE);
    }

    @org.junit.jupiter.api.Test
    void pagesWithOnlyTheirFirstByteShareOneArrayAndAWriteToOneDoesNotReachTheOther() {
        byte[] a = PageContents.set(null, 0, (byte) 7);
        byte[] b = PageContents.set(null, 0, (byte) 7);
        assertThat(a).isSameAs(b);
        assertThat(PageContents.isShared(a)).isTrue();

        byte[] a2 = PageContents.set(a, 100, (byte) 9);
        byte[] a3 = PageContents.set(a2, 0, (byte) 8);

        assertThat(PageContents.get(b, 0)).isEqualTo((byte) 7);
        assertThat(PageContents.get(b, 100)).isZero();
        assertThat(PageContents.get(a3, 0)).isEqualTo((byte) 8);
        assertThat(PageContents.get(a3, 100)).isEqualTo((byte) 9);
        assertThat(PageContents.set(b, 0, (byte) 5)).isSameAs(PageContents.set(null, 0, (byte) 5));
        assertThat(PageContents.get(b, 0)).as("the shared array itself never changes").isEqualTo((byte) 7);
        assertThat(PageContents.copy(b)).isSameAs(b);
    }
}
