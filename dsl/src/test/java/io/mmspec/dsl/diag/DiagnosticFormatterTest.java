package io.mmspec.dsl.diag;

import static org.assertj.core.api.Assertions.assertThat;

import io.mmspec.dsl.ast.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gcc-style rendering, as exact strings. */
class DiagnosticFormatterTest {

    @Test
    void putsTheCaretUnderTheColumnAndTildesUnderTheRestOfTheToken() {
        SourceText source = new SourceText("oom.mms", "line one\n".repeat(13) + "at 1 s: chrom allocates 5 MB\n");
        Diagnostic d = new Diagnostic(new Span("oom.mms", 14, 9, 5), "unknown process 'chrom'; did you mean 'chrome'?");

        assertThat(DiagnosticFormatter.format(d, source)).isEqualTo("""
                oom.mms:14:9: error: unknown process 'chrom'; did you mean 'chrome'?
                   14 | at 1 s: chrom allocates 5 MB
                      |         ^~~~~
                """);
    }

    @Test
    void expandsTabsToMultiplesOfEightAndMovesTheCaretWithThem() {
        SourceText source = new SourceText("t.mms", "\tat 1 s:\tq\ttouches buf");
        Diagnostic d = new Diagnostic(new Span("t.mms", 1, 10, 1), "unknown process 'q'");

        assertThat(DiagnosticFormatter.format(d, source)).isEqualTo("""
                t.mms:1:10: error: unknown process 'q'
                    1 |         at 1 s: q       touches buf
                      |                 ^
                """);
    }

    @Test
    void pointsPastTheEndOfTheLineForAMissingWord() {
        SourceText source = new SourceText("t.mms", "at 1 s: p frees\r\nnext");
        Diagnostic d = new Diagnostic(new Span("t.mms", 1, 16, 0), "unexpected end of line");

        assertThat(DiagnosticFormatter.format(d, source)).isEqualTo("""
                t.mms:1:16: error: unexpected end of line
                    1 | at 1 s: p frees
                      |                ^
                """);
    }

    @Test
    void cutsASpanAtTheEndOfItsLine() {
        SourceText source = new SourceText("t.mms", "at 1 s {\n  p touches a\n}");
        Diagnostic d = new Diagnostic(new Span("t.mms", 1, 1, 30), "a group");

        assertThat(DiagnosticFormatter.format(d, source)).endsWith("""
                    1 | at 1 s {
                      | ^~~~~~~~
                """);
    }

    @Test
    void widensTheGutterForLongFiles() {
        SourceText source = new SourceText("t.mms", "x\n".repeat(123455) + "bad");
        Diagnostic d = new Diagnostic(new Span("t.mms", 123456, 1, 3), "m");

        assertThat(DiagnosticFormatter.format(d, source)).isEqualTo("""
                t.mms:123456:1: error: m
                 123456 | bad
                        | ^~~
                """);
    }

    @Test
    void showsAtMostFiftyDiagnosticsAndCountsTheRest() {
        SourceText source = new SourceText("t.mms", "x");
        List<Diagnostic> many = new ArrayList<>();
        for (int i = 0; i < Diagnostics.CAP + 3; i++) {
            many.add(new Diagnostic(new Span("t.mms", 1, 1, 1), "m" + i));
        }

        String text = DiagnosticFormatter.formatAll(many, source);

        assertThat(text).contains("error: m49\n").doesNotContain("error: m50\n")
                .endsWith("t.mms: 3 more errors not shown\n");
    }

    @Test
    void sortsByLineThenColumnAndDropsRepeats() {
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.error(new Span("f", 3, 1, 1), "c");
        diagnostics.error(new Span("f", 1, 9, 1), "b");
        diagnostics.error(new Span("f", 1, 2, 1), "a");
        diagnostics.error(new Span("f", 1, 2, 1), "a");

        assertThat(diagnostics.sorted()).map(Diagnostic::message).containsExactly("a", "b", "c");
    }
}
