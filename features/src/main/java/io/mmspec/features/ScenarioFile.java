package io.mmspec.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scenario file as it is written; expectations a step adds go before its closing brace.
 *
 * @param path   where it was read from, for diagnostics
 * @param source its text
 */
public record ScenarioFile(Path path, String source) implements ScenarioText {

    @Override
    public String fileName() {
        return path.toString();
    }

    @Override
    public Optional<Path> baseDir() {
        return Optional.ofNullable(path.toAbsolutePath().getParent());
    }

    @Override
    public Rendered render(List<String> expectations) {
        if (expectations.isEmpty()) {
            return new Rendered(source, List.of());
        }
        int brace = source.lastIndexOf('}');
        if (brace < 0) {
            throw new IllegalStateException(path + " has no closing brace to add expectations before");
        }
        String head = source.substring(0, brace);
        if (!head.endsWith("\n")) {
            head += "\n";
        }
        int line = (int) head.chars().filter(c -> c == '\n').count() + 1;
        StringBuilder text = new StringBuilder(head);
        List<Integer> lines = new ArrayList<>();
        for (String expectation : expectations) {
            lines.add(line++);
            text.append("  ").append(expectation).append('\n');
        }
        text.append(source.substring(brace));
        return new Rendered(text.toString(), lines);
    }
}
