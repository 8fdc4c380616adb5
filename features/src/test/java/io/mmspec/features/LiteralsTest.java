package io.mmspec.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mmspec.dsl.ast.Unit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LiteralsTest {

    @Test
    void readsSizesAsPowersOf1024AndPagesAs4Kb() {
        assertThat(Literals.size("16 GB").bytes()).isEqualTo(16L << 30);
        assertThat(Literals.size("2500 pages").bytes()).isEqualTo(2500L * 4096);
        assertThat(Literals.size("4 KB").bytes()).isEqualTo(4096);
        assertThat(Literals.size("1.5 MB").bytes()).isEqualTo(3L << 19);
        assertThat(Literals.size("16 GB").text()).isEqualTo("16 GB");
    }

    @Test
    void readsTimesExactly() {
        assertThat(Literals.time("10 ms").nanos()).isEqualTo(10_000_000);
        assertThat(Literals.time("1.5 s").nanos()).isEqualTo(1_500_000_000);
        // 1.005 s is 1,005,000,000 ns, not a binary fraction
        assertThat(Literals.time("1.005 s").nanos()).isEqualTo(1_005_000_000);
    }

    @Test
    void readsPermissionsInBothForms() {
        assertThat(Literals.permission("r-x").prot()).isEqualTo(1 | 4);
        assertThat(Literals.permission("rw").prot()).isEqualTo(1 | 2);
        assertThat(Literals.permission("---").prot()).isZero();
    }

    @Test
    void rejectsAWrongUnitWithTheLanguagesHint() {
        assertThatThrownBy(() -> Literals.size("16 gb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown unit 'gb'")
                .hasMessageContaining("GB");
        assertThatThrownBy(() -> Literals.size("2 s"))
                .hasMessageContaining("expected a size");
        assertThatThrownBy(() -> Literals.time("3 MB"))
                .hasMessageContaining("expected a time");
    }

    @Test
    void rejectsAFractionOfAByte() {
        assertThatThrownBy(() -> Literals.size("1.5 B")).hasMessageContaining("not a whole number of bytes");
    }

    @Test
    void quantityPatternMatchesEveryUnitOfTheLanguage() {
        Pattern quantity = Pattern.compile(Literals.QUANTITY);
        for (Unit unit : Unit.values()) {
            assertThat(quantity.matcher("12 " + unit.symbol()).matches()).as(unit.symbol()).isTrue();
            assertThat(quantity.matcher("1.5" + unit.symbol()).matches()).as(unit.symbol()).isTrue();
        }
    }

    @Test
    void writesMillisecondsWithoutTrailingZeros() {
        assertThat(Literals.millis(1_000_000)).isEqualTo("1 ms");
        assertThat(Literals.millis(2_500_000)).isEqualTo("2.5 ms");
        assertThat(Literals.millis(1_000_000_000)).isEqualTo("1000 ms");
    }
}
