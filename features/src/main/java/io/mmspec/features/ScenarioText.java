package io.mmspec.features;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A scenario as text of the scenario language, with expectations a step adds: built by the steps
 * ({@link ScenarioDraft}) or read from a file ({@link ScenarioFile}).
 */
public interface ScenarioText {

    /** The name diagnostics and reports give the scenario's file. */
    String fileName();

    /** The folder its relative file names (traces) are found in, if any. */
    Optional<Path> baseDir();

    /** The whole text, with {@code expectations} (each a line {@code expect ...}) added at the end. */
    Rendered render(List<String> expectations);

    /**
     * Scenario-language text and the lines the added expectations landed on.
     *
     * @param source            the text
     * @param expectationLines  the 1-based line of each added expectation, in order
     */
    record Rendered(String source, List<Integer> expectationLines) {
        public Rendered {
            expectationLines = List.copyOf(expectationLines);
        }

        /** The text with line numbers, as a failure message shows it. */
        public String numbered() {
            StringBuilder out = new StringBuilder();
            String[] lines = source.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i == lines.length - 1 && lines[i].isEmpty()) {
                    break;
                }
                out.append(String.format("%4d | %s%n", i + 1, lines[i]));
            }
            return out.toString();
        }
    }
}
