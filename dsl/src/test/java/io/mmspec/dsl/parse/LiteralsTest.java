package io.mmspec.dsl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.dsl.ast.Action;
import io.mmspec.dsl.ast.Amount;
import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.ast.Machine;
import io.mmspec.dsl.ast.Predicate;
import io.mmspec.dsl.ast.ProcessAction;
import io.mmspec.dsl.ast.Region;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.ast.Timing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Numbers, units, strings and permissions are read exactly. */
class LiteralsTest {

    private static Statement statement(String text) {
        ParseResult<List<Statement>> result = ScenarioParser.parseActions(text, "t.mms", 1);
        assertThat(result.diagnostics()).isEmpty();
        return result.value().orElseThrow().get(0);
    }

    private static Action action(String text) {
        return statement(text).actions().get(0);
    }

    @ParameterizedTest(name = "{0} is {1} ns")
    @CsvSource({
            "1.005 s, 1005000000",      // decimal, read exactly: no binary floating point
            "0.1 s, 100000000",
            "0.001 s, 1000000",
            "70.001 s, 70001000000",
            "2.5 ms, 2500000",
            "100 us, 100000",
            "7 ns, 7",
            "0 s, 0"})
    void readsTimesExactly(String time, long nanos) {
        Timing.At at = (Timing.At) statement("at " + time + ": p touches buf").timing();
        assertThat(at.time().nanos()).isEqualTo(nanos);
        assertThat(at.time().text()).isEqualTo(time);
    }

    @ParameterizedTest(name = "{0} is {1} bytes")
    @CsvSource({
            "1500 B, 1500",
            "4 KB, 4096",               // powers of 1024, as the kernel counts
            "4 kB, 4096",               // meminfo's spelling
            "4 KiB, 4096",
            "1.5 KB, 1536",
            "5 MB, 5242880",
            "5 MiB, 5242880",
            "2 GB, 2147483648",
            "1 TB, 1099511627776",
            "300 pages, 1228800",       // 300 * 4096
            "1 page, 4096"})
    void readsSizesInPowersOf1024(String size, long bytes) {
        ProcessAction.Malloc malloc = (ProcessAction.Malloc) action("at 1 s: p allocates " + size);
        assertThat(malloc.size().bytes()).isEqualTo(bytes);
    }

    @Test
    void readsRatesAsBytesPerSecond() {
        Machine machine = ScenarioParser.parseMachine("disk ssd latency 10 ms bandwidth 500 MB/s", "t.mms", 1)
                .value().orElseThrow();
        assertThat(machine.disks().get(0).bandwidth().orElseThrow().bytesPerSecond()).isEqualTo(500L << 20);
        assertThat(machine.disks().get(0).latency().orElseThrow().nanos()).isEqualTo(10_000_000L);
    }

    @Test
    void readsHexAddressesAsUnsigned64BitValues() {
        ProcessAction.Read read = (ProcessAction.Read) action("at 1 s: p reads 0xffff800000000000");
        assertThat(((Region.At) read.region()).address().value()).isEqualTo(0xffff800000000000L);
    }

    @Test
    void resolvesStringEscapesToTheirBytes() {
        ProcessAction.Write write = (ProcessAction.Write) action("at 1 s: p writes \"a\\0\\n\\t\\\\\\\"\\x41\\xff\u00e9\" at buf");
        assertThat(write.data().value()).isEqualTo("a\0\n\t\\\"A\u00ff\u00e9");
        // \xff is one raw byte; é (not an escape) is UTF-8, two bytes
        assertThat(write.data().bytes()).containsExactly('a', 0, '\n', '\t', '\\', '"', 'A', 0xff, 0xc3, 0xa9);
        assertThat(new String(write.data().bytes(), 0, 7, StandardCharsets.UTF_8)).isEqualTo("a\0\n\t\\\"A");
    }

    @ParameterizedTest(name = "{0} is prot {1}")
    @CsvSource({"rw-, 3", "rw, 3", "r-x, 5", "rx, 5", "r--, 1", "r, 1", "---, 0", "rwx, 7", "-w-, 2", "--x, 4"})
    void readsPermissionsInEitherForm(String perm, int prot) {
        ProcessAction.Mprotect protect = (ProcessAction.Mprotect) action("at 1 s: p protects buf " + perm);
        assertThat(protect.perm().prot()).isEqualTo(prot);
    }

    @Test
    void keepsAmountsOfComparisonsAsWrittenWithTheirUnit() {
        Expectation expectation = ScenarioParser.parseExpectations("expect: p.rss == 1.5 MB", "t.mms", 1)
                .value().orElseThrow().get(0);
        Amount amount = (Amount) ((Predicate.Compare) expectation.predicate()).right();
        assertThat(amount.scaled()).isEqualByComparingTo("1572864");
        assertThat(amount.text()).isEqualTo("1.5 MB");
    }

    @Test
    void takesAnyNonReservedKeywordAsAName() {
        ProcessAction.Fork fork = (ProcessAction.Fork) action("at 1 s: parent forks text pid 3");
        assertThat(fork.process().text()).isEqualTo("parent");
        assertThat(fork.child().text()).isEqualTo("text");
        ProcessAction.Touch touch = (ProcessAction.Touch) action("at 1 s: s touches r");
        assertThat(((Region.Whole) touch.region()).name().text()).isEqualTo("r");
    }
}
