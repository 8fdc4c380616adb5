package io.mmspec.dsl.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void suggestsTheClosestNameWithinTypoDistance() {
        assertThat(Suggestions.closest("chrom", List.of("firefox", "chrome", "bash"))).contains("chrome");
        assertThat(Suggestions.closest("kswapd_wakeup", List.of("kswapd_wake", "kswapd_sleep"))).contains("kswapd_wake");
    }

    @Test
    void countsASwapOfNeighboursAsOneEdit() {
        assertThat(Suggestions.distance("pakcet", "packet")).isEqualTo(1);
        assertThat(Suggestions.closest("pakcet", List.of("packet"))).contains("packet");
    }

    @Test
    void suggestsNothingForAWordTooFarFromEveryName() {
        assertThat(Suggestions.closest("firefox", List.of("chrome", "bash"))).isEmpty();
        assertThat(Suggestions.hint("zzz", List.of("abc"))).isEmpty();
    }

    @Test
    void prefersANameDifferingOnlyInCase() {
        assertThat(Suggestions.closest("mb", List.of("B", "MB", "GB"))).contains("MB");
    }

    @Test
    void breaksTiesByTheLongestCommonPrefixThenByOrder() {
        assertThat(Suggestions.closest("miss", List.of("hits", "misses"))).contains("misses");
        assertThat(Suggestions.closest("ab", List.of("ax", "ay"))).contains("ax");
    }
}
