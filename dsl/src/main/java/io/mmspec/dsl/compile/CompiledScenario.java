package io.mmspec.dsl.compile;

import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.ast.FileDecl;
import io.mmspec.dsl.ast.ProcessDecl;
import io.mmspec.runtime.MachineConfig;
import java.util.List;

/**
 * A scenario ready to run.
 *
 * @param name         the scenario's name
 * @param file         the file it came from (for reports)
 * @param source       the file's text, to quote expectations
 * @param config       the machine to boot
 * @param unsupported  machine features this version cannot simulate yet, by mechanism; a run
 *                     stops with their names rather than pretending
 * @param files        files to create, in order
 * @param processes    processes that exist at time 0, in declaration (creation) order
 * @param timeline     the actions, sorted by {@link TimedAction#ORDER}
 * @param expectations the expectations, in source order
 */
public record CompiledScenario(String name, String file, io.mmspec.dsl.diag.SourceText source,
                               MachineConfig config, List<String> unsupported,
                               List<FileDecl> files, List<ProcessDecl> processes,
                               List<TimedAction> timeline, List<Expectation> expectations) {
    public CompiledScenario {
        unsupported = List.copyOf(unsupported);
        files = List.copyOf(files);
        processes = List.copyOf(processes);
        timeline = List.copyOf(timeline);
        expectations = List.copyOf(expectations);
    }

    /** The source text of the span's line range, trimmed (what a report quotes). */
    public String quote(io.mmspec.dsl.ast.Span span) {
        String line = source.line(span.line());
        int from = Math.min(line.length(), span.column() - 1);
        int to = Math.min(line.length(), from + Math.max(span.length(), 1));
        String text = span.length() > 0 ? line.substring(from, to) : line.substring(from);
        return text.trim();
    }
}
