package io.mmspec.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void normalizesBlanksAndDropsEmptyLines() {
        assertThat(Text.normalize("  a   b \n\n\tc\n")).isEqualTo("a b\nc\n");
    }

    @Test
    void keepsTheOrderAndTheWordsOfLines() {
        assertThat(Text.normalize("Node 0, zone      DMA      1      1")).isEqualTo("Node 0, zone DMA 1 1\n");
    }
}
