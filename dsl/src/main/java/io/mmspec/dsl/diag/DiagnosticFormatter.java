package io.mmspec.dsl.diag;

import java.util.List;

/**
 * Renders diagnostics the way gcc does:
 * <pre>
 * oom.mms:14:9: error: unknown process 'chrom'; did you mean 'chrome'?
 *    14 | at 1 s: chrom allocates 5 MB
 *       |         ^~~~~
 * </pre>
 * Tabs in the quoted line are expanded to the next multiple of 8, and the caret follows them.
 */
public final class DiagnosticFormatter {

    private static final int TAB_STOP = 8;
    private static final int GUTTER = 5;

    private DiagnosticFormatter() {
    }

    /** Every diagnostic in order, then a count of those left out by {@link Diagnostics#CAP}. */
    public static String formatAll(List<Diagnostic> diagnostics, SourceText source) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(diagnostics.size(), Diagnostics.CAP);
        for (int i = 0; i < shown; i++) {
            out.append(format(diagnostics.get(i), source));
        }
        if (diagnostics.size() > shown) {
            out.append(source.name()).append(": ").append(diagnostics.size() - shown)
                    .append(" more errors not shown\n");
        }
        return out.toString();
    }

    /** One diagnostic: the headline, the source line and the caret line, each ending in \n. */
    public static String format(Diagnostic diagnostic, SourceText source) {
        String raw = source.line(diagnostic.span().line());
        int column = Math.min(diagnostic.span().column() - 1, raw.length());
        int end = Math.min(column + Math.max(diagnostic.span().length(), 1), Math.max(raw.length(), column + 1));
        String expanded = expandTabs(raw);
        int caretStart = expandTabs(raw.substring(0, column)).length();
        int caretEnd = Math.max(caretStart + 1, expandTabs(raw.substring(0, Math.min(end, raw.length()))).length());
        String number = String.valueOf(diagnostic.span().line());
        String gutter = " ".repeat(Math.max(GUTTER, number.length() + 1));
        StringBuilder out = new StringBuilder();
        out.append(diagnostic.headline()).append('\n');
        out.append(gutter, 0, gutter.length() - number.length()).append(number).append(" | ")
                .append(expanded.stripTrailing()).append('\n');
        out.append(gutter).append(" | ").append(" ".repeat(caretStart)).append('^')
                .append("~".repeat(caretEnd - caretStart - 1)).append('\n');
        return out.toString();
    }

    static String expandTabs(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                do {
                    out.append(' ');
                } while (out.length() % TAB_STOP != 0);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
