package io.mmspec.dsl.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.dsl.diag.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Syntax and lexical errors in plain English, as exact strings: (input, headline). The input is
 * one timeline statement or expectation, as a Gherkin doc string holds it; '|' stands for a newline.
 */
class SyntaxMessagesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            at 1 s: chrome allocate 5 MB       # t.mms:1:16: error: unexpected 'allocate'; did you mean 'allocates'?
            at 1: chrome allocates 5 MB        # t.mms:1:5: error: missing unit after '1' (a size: B, KB, MB, GB, TB, pages; a time: ns, us, ms, s)
            at 1 s: chrome allocates 5         # t.mms:1:27: error: missing unit after '5' (a size: B, KB, MB, GB, TB, pages; a time: ns, us, ms, s)
            at 1 s: p touches buf[0 .. 4 KB]   # t.mms:1:25: error: missing unit after '0' (a size: B, KB, MB, GB, TB, pages; a time: ns, us, ms, s)
            at 1 s: chrome allocates 5 MB as at # t.mms:1:34: error: 'at' is a reserved word and cannot be a name
            at 1 s: p maps b anon 1 MB rw privat # t.mms:1:31: error: unexpected 'privat'; did you mean 'private'?
            at 1 s: kernel kmalloc 5 B as x    # t.mms:1:16: error: unexpected 'kmalloc'; did you mean 'kmallocs'?
            at 1 s: p frees                    # t.mms:1:16: error: unexpected end of file; expecting a region: NAME, NAME + OFFSET, NAME[FROM .. TO] or a hex address
            at 1 s: x y z                      # t.mms:1:11: error: unexpected 'y'; expecting an action such as allocates, maps, touches, reads, writes, forks, execs or protects
            every 1 s from 1 s: p touches buf  # t.mms:1:19: error: unexpected ':'; expecting 'to'
            at 1 s: p reads file "/x" 4 KB at  # t.mms:1:34: error: unexpected end of file; expecting a number with its unit (4 KB, 10 ms)
            at 1 s { p touches buf | q touches buf # t.mms:2:14: error: unexpected end of file: a '{' is never closed with '}'
            at 1 s: p writes "abc at buf       # t.mms:1:18: error: unterminated string: a string ends with '"' on the same line
            at 1 s: p writes "a\\qc" at buf    # t.mms:1:20: error: bad escape '\\q' in a string; the escapes are \\0 \\n \\t \\\\ \\" and \\xHH
            at 1 s: p writes "\\x4" at buf     # t.mms:1:19: error: bad escape '\\x' in a string; the escapes are \\0 \\n \\t \\\\ \\" and \\xHH
            at 1 s: p writes 'abc' at buf      # t.mms:1:18: error: unexpected character "'": strings are written in double quotes
            at 1 s: p touches buf @ 4          # t.mms:1:23: error: unexpected character '@'
            """)
    void explainsActionMistakes(String input, String headline) {
        ParseResult<?> result = ScenarioParser.parseActions(input.replace(" | ", "\n"), "t.mms", 1);
        assertThat(result.diagnostics()).map(Diagnostic::headline).first().isEqualTo(headline);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            expect: chrome killed by           # t.mms:1:25: error: unexpected end of file; expecting oom or a signal (SIGSEGV, SIGBUS, SIGKILL, SIGTERM)
            expect: chrome dead                # t.mms:1:16: error: unexpected 'dead'; expecting a predicate such as 'p alive', 'p killed by oom', 'p.rss >= 4 MB', 'event kswapd_wake' or 'dmesg contains "..."'
            expect chrome alive                # t.mms:1:8: error: unexpected 'chrome'; expecting at T, by T, never, always, [N points], a label or ':'
            expect: p.rss >                    # t.mms:1:16: error: unexpected end of file; expecting a number or a name
            expect: event x before             # t.mms:1:23: error: unexpected end of file; expecting before T, after T, between A and B, or before event NAME
            expect [3 pts]: p alive            # t.mms:1:11: error: unexpected 'pts'; expecting 'point' or 'points'
            expect: p.faults.minor = 3         # t.mms:1:24: error: unexpected character '='
            """)
    void explainsExpectationMistakes(String input, String headline) {
        ParseResult<?> result = ScenarioParser.parseExpectations(input, "t.mms", 1);
        assertThat(result.diagnostics()).map(Diagnostic::headline).first().isEqualTo(headline);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            scenario "x" { | machine { | cpu 2 | } | }       # t.mms:3:1: error: unexpected 'cpu'; did you mean 'cpus'?
            scenario "x" { | machine { | cpus 2 GB | } | }   # t.mms:3:8: error: '2' is a count here and takes no unit: remove 'GB'
            scenario "x" { | machine { | ram 4 GB | process p | } # t.mms:4:1: error: 'process' cannot go inside this block: is its closing '}' missing?
            scenario "x" { | process at pid 3 | }            # t.mms:2:9: error: 'at' is a reserved word and cannot be a name
            scenario "x" { | process p pid 3 | seed 1       # t.mms:3:7: error: unexpected end of file: a '{' is never closed with '}'
            scenario x { | }                                 # t.mms:1:10: error: unexpected 'x'; expecting a string
            scenario "x" { | proces p pid 3 | }              # t.mms:2:1: error: unexpected 'proces'; did you mean 'process'?
            """)
    void explainsScenarioMistakes(String input, String headline) {
        ParseResult<?> result = ScenarioParser.parse(input.replace(" | ", "\n"), "t.mms");
        assertThat(result.diagnostics()).map(Diagnostic::headline).first().isEqualTo(headline);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            at 1 s: p frees | at 2 s: p frees        # 2
            at 1 s: p frees 4 KB 5 KB                # 1
            at 1 s: p touches 'a' | at 2 s: p @      # 3
            """)
    void reportsOneSyntaxErrorPerLineAndEveryLexicalOne(String input, int expectedCount) {
        ParseResult<?> result = ScenarioParser.parseActions(input.replace(" | ", "\n"), "t.mms", 1);
        assertThat(result.diagnostics()).hasSize(expectedCount);
    }
}
