package io.mmspec.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.check.Frontend;
import io.mmspec.dsl.check.MetricCatalog;
import io.mmspec.dsl.diag.DiagnosticFormatter;
import io.mmspec.dsl.parse.ParseResult;
import io.mmspec.dsl.parse.ScenarioParser;
import io.mmspec.runtime.sim.EventKind;
import io.mmspec.runtime.uapi.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The language reference (docs/language.md) stays true: its ```mms examples parse and check,
 * its ```mms-parse fragments parse, and it names every event, process metric and errno the
 * registries know.
 */
class DocsTest {

    private static final Path DOC = Path.of("../docs/language.md");

    private static String doc() throws IOException {
        assumeTrue(Files.exists(DOC), "docs/language.md is not beside the dsl module");
        return Files.readString(DOC);
    }

    private static List<String> blocks(String doc, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void wholeScenarioExamplesParseAndCheck() throws IOException {
        List<String> scenarios = blocks(doc(), "mms");
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(3);
        for (String scenario : scenarios) {
            ParseResult<Scenario> result = Frontend.load(scenario, "language.md", Optional.empty());
            assertThat(DiagnosticFormatter.formatAll(result.diagnostics(), result.source())).as(scenario).isEmpty();
        }
    }

    @Test
    void fragmentExamplesParse() throws IOException {
        List<String> fragments = blocks(doc(), "mms-parse");
        assertThat(fragments).hasSizeGreaterThanOrEqualTo(5);
        for (String fragment : fragments) {
            ParseResult<Scenario> result = ScenarioParser.parse("scenario \"doc\" {\n" + fragment + "}\n", "language.md");
            assertThat(DiagnosticFormatter.formatAll(result.diagnostics(), result.source())).as(fragment).isEmpty();
        }
    }

    @Test
    void namesEveryEventProcessMetricAndErrno() throws IOException {
        String doc = doc();
        for (String event : EventKind.names()) {
            assertThat(doc).as("event " + event).containsPattern("[ `]" + event + "[ `]");
        }
        for (String metric : MetricCatalog.PROCESS.keySet()) {
            assertThat(doc).as("metric " + metric).contains("`" + metric + "`");
        }
        for (Errno errno : Errno.values()) {
            assertThat(doc).as("errno " + errno).contains(errno.name());
        }
    }
}
