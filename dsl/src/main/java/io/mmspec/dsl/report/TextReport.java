package io.mmspec.dsl.report;

import io.mmspec.dsl.run.ExpectationResult;
import io.mmspec.dsl.run.RunResult;
import java.io.PrintWriter;

/**
 * The verdicts for a person: one line per expectation, the reason under each failure, then
 * a summary line in the "N passed, N failed" form that CI tools recognise.
 */
public final class TextReport {
    private TextReport() {
    }

    public static void write(RunResult result, PrintWriter out) {
        out.printf("scenario \"%s\" (%s, seed %d)%n", result.scenario(), result.file(), result.seed());
        int passed = 0;
        int failed = 0;
        for (ExpectationResult e : result.expectations()) {
            String points = e.maxPoints() > 0 ? String.format(" [%d/%d]", e.points(), e.maxPoints()) : "";
            String label = e.label().isEmpty() ? "" : " \"" + e.label() + "\"";
            out.printf("  %-5s line %-4d %s%s%s%n", e.status().name(), e.line(), e.text(), label, points);
            if (!e.passed()) {
                out.printf("        %s%n", e.message());
                failed++;
            } else {
                passed++;
            }
        }
        if (result.limit() != null) {
            out.printf("  STOPPED: %s%n", result.limit());
        }
        out.printf("%d passed, %d failed%s%n", passed, failed,
                result.maxPoints() > 0 ? String.format(" (%d/%d points)", result.points(), result.maxPoints()) : "");
        out.flush();
    }
}
