package io.mmspec.features;

import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.diag.DiagnosticFormatter;
import io.mmspec.dsl.parse.ParseResult;
import io.mmspec.dsl.parse.ScenarioParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario-language text in a step's doc string, checked for its syntax on its own first, so a
 * mistake is reported at its line in the doc string rather than somewhere in the scenario the
 * steps built.
 */
final class Fragments {
    private static final String DOC_STRING = "doc string";

    private Fragments() {
    }

    /** Timeline statements ({@code at 1 s: blender allocates 5 GB}), or a failure with every syntax error. */
    static void checkActions(String text) {
        require(ScenarioParser.parseActions(text, DOC_STRING, 1));
    }

    /** Machine settings ({@code ram 8 GB}), one per line. */
    static void checkMachine(String text) {
        require(ScenarioParser.parseMachine(text, DOC_STRING, 1));
    }

    /** Expectations, one per line, as lines of text ready to add to a scenario. */
    static List<String> expectations(String text) {
        ParseResult<List<Expectation>> parsed = require(ScenarioParser.parseExpectations(text, DOC_STRING, 1));
        List<String> lines = new ArrayList<>();
        String[] source = text.split("\r?\n", -1);
        for (Expectation expectation : parsed.value().orElseThrow()) {
            io.mmspec.dsl.ast.Span span = expectation.span();
            String line = source[span.line() - 1];
            int from = Math.min(line.length(), span.column() - 1);
            int to = span.length() > 0 ? Math.min(line.length(), from + span.length()) : line.length();
            lines.add(line.substring(from, to).strip());
        }
        return lines;
    }

    private static <T> ParseResult<T> require(ParseResult<T> parsed) {
        if (!parsed.ok()) {
            throw new IllegalArgumentException("the doc string is not scenario-language text:\n"
                    + DiagnosticFormatter.formatAll(parsed.diagnostics(), parsed.source()));
        }
        return parsed;
    }
}
