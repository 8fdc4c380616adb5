package io.mmspec.dsl.ast;

import java.util.List;
import java.util.Optional;

/**
 * A whole scenario file: {@code scenario "name" { ... }}. Items may appear in any order in
 * the file; they are gathered here by kind, each list in source order. Declaration order of
 * processes is their creation order.
 */
public record Scenario(
        StringLit name,
        Optional<Count> seed,
        Optional<Machine> machine,
        List<FileDecl> files,
        List<ProcessDecl> processes,
        List<Statement> timeline,
        List<Expectation> expectations,
        Span span) {

    public Scenario {
        files = List.copyOf(files);
        processes = List.copyOf(processes);
        timeline = List.copyOf(timeline);
        expectations = List.copyOf(expectations);
    }

    /** The seed, 0 when none is written. */
    public long seedOrDefault() {
        return seed.map(Count::value).orElse(0L);
    }
}
