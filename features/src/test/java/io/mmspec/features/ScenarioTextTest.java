package io.mmspec.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioTextTest {

    @Test
    void draftRendersSectionsInOrderAndNumbersTheAddedExpectations() {
        ScenarioDraft draft = new ScenarioDraft("Say \"hi\"", "steps", Optional.empty());
        draft.statement("at 1 ms: p touches buf");
        draft.process("process p pid 100");
        draft.setting("ram 1 GB");
        draft.file("file \"/f\" size 4 KB");

        ScenarioText.Rendered rendered = draft.render(List.of("expect: p alive", "expect: p.rss == 0 KB"));

        assertThat(rendered.source()).isEqualTo("""
                scenario "Say \\"hi\\"" {
                  machine {
                    ram 1 GB
                  }
                  file "/f" size 4 KB
                  process p pid 100
                  at 1 ms: p touches buf
                  expect: p alive
                  expect: p.rss == 0 KB
                }
                """);
        assertThat(rendered.expectationLines()).containsExactly(8, 9);
    }

    @Test
    void aLaterSettingReplacesTheEarlierOneOfTheSameName() {
        ScenarioDraft draft = new ScenarioDraft("s", "steps", Optional.empty());
        draft.setting("ram 1 GB");
        draft.setting("cpus 2");
        draft.setting("ram 16 GB");

        assertThat(draft.render(List.of()).source()).contains("    cpus 2\n    ram 16 GB\n").doesNotContain("1 GB");
    }

    @Test
    void multiLineStatementsAreIndentedAndCountedAsTheirLines() {
        ScenarioDraft draft = new ScenarioDraft("s", "steps", Optional.empty());
        draft.statement("at 1 ms: p touches a\nat 2 ms: p touches b\n");

        ScenarioText.Rendered rendered = draft.render(List.of("expect: p alive"));

        assertThat(rendered.source()).contains("  at 1 ms: p touches a\n  at 2 ms: p touches b\n  expect: p alive\n");
        assertThat(rendered.expectationLines()).containsExactly(4);
    }

    @Test
    void fileAddsExpectationsBeforeItsClosingBrace() {
        ScenarioFile file = new ScenarioFile(Path.of("x.mms"), "scenario \"x\" {\n  process p\n}\n");

        ScenarioText.Rendered rendered = file.render(List.of("expect: p alive"));

        assertThat(rendered.source()).isEqualTo("scenario \"x\" {\n  process p\n  expect: p alive\n}\n");
        assertThat(rendered.expectationLines()).containsExactly(3);
        assertThat(file.render(List.of()).source()).isEqualTo(file.source());
    }

    @Test
    void numberedTextShowsEveryLineWithItsNumber() {
        ScenarioText.Rendered rendered = new ScenarioText.Rendered("a\nb\n", List.of());

        assertThat(rendered.numbered()).isEqualTo(String.format("   1 | a%n   2 | b%n"));
    }
}
