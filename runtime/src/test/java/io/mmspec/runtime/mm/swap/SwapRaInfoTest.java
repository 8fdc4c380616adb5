package io.mmspec.runtime.mm.swap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The packing of vma->swap_readahead_info (SWAP_RA_VAL and friends, PAGE_SHIFT 12). */
class SwapRaInfoTest {
    @Test
    void packsThePageAddressWindowAndHitsIntoOneLong() {
        long value = SwapRaInfo.val(0x7f00_0000_1234L, 8, 5);
        // address & PAGE_MASK | win << 6 | hits
        assertThat(value).isEqualTo(0x7f00_0000_1000L | 8 << 6 | 5);
        assertThat(SwapRaInfo.addr(value)).isEqualTo(0x7f00_0000_1000L);
        assertThat(SwapRaInfo.win(value)).isEqualTo(8);
        assertThat(SwapRaInfo.hits(value)).isEqualTo(5);
    }

    @Test
    void windowAndHitsHaveSixBitsEach() {
        // SWAP_RA_WIN_SHIFT = PAGE_SHIFT / 2: hits up to 63 (SWAP_RA_HITS_MAX), a window up to
        // 63, room for 1 << SWAP_RA_ORDER_CEILING = 32
        assertThat(SwapRaInfo.HITS_MASK).isEqualTo(63);
        long value = SwapRaInfo.val(0x1000, 32, 63);
        assertThat(SwapRaInfo.win(value)).isEqualTo(32);
        assertThat(SwapRaInfo.hits(value)).isEqualTo(63);
        assertThat(SwapRaInfo.addr(value)).isEqualTo(0x1000);
        assertThat(SwapReadahead.MAX_WIN).isEqualTo(8); // 1 << min(page-cluster 3, 5)
    }
}
