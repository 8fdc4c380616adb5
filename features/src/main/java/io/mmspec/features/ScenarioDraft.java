package io.mmspec.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scenario a feature's steps write, section by section, in the scenario language: the
 * machine settings, files and processes of the Given steps, the timeline of the When steps.
 * Rendered, it is an ordinary scenario file:
 *
 * <pre>
 * scenario "Chrome is OOM-killed" {
 *   machine {
 *     ram 8 GB
 *   }
 *   process chrome pid 3000 uses 3500 MB
 *   at 1 ms: blender allocates 3 GB
 *   expect: chrome killed by oom        (added by a Then step)
 * }
 * </pre>
 */
public final class ScenarioDraft implements ScenarioText {
    private final String name;
    private final String fileName;
    private final Optional<Path> baseDir;
    private Long seed;
    private final List<String> machine = new ArrayList<>();
    private final List<String> files = new ArrayList<>();
    private final List<String> processes = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();

    /**
     * @param name     the scenario's name (the Gherkin scenario's)
     * @param fileName what diagnostics call the text
     * @param baseDir  where relative names (traces) are found: the feature file's folder
     */
    public ScenarioDraft(String name, String fileName, Optional<Path> baseDir) {
        this.name = name;
        this.fileName = fileName;
        this.baseDir = baseDir;
    }

    public void seed(long value) {
        seed = value;
    }

    /** One line of the machine block, added as written: {@code ram 16 GB}. */
    public void machine(String setting) {
        machine.add(setting);
    }

    /**
     * One line of the machine block that replaces an earlier one of the same setting (its first
     * word): a scenario's "a machine with 16 GB of RAM" overrides its Background's.
     */
    public void setting(String setting) {
        String name = firstWord(setting);
        machine.removeIf(line -> firstWord(line).equals(name));
        machine.add(setting);
    }

    private static String firstWord(String line) {
        String stripped = line.strip();
        int space = stripped.indexOf(' ');
        return space < 0 ? stripped : stripped.substring(0, space);
    }

    /** A file declaration: {@code file "/usr/lib/libc.so" size 2 MB}. */
    public void file(String declaration) {
        files.add(declaration);
    }

    /** A process declaration: {@code process chrome pid 3000 uses 600 MB}. */
    public void process(String declaration) {
        processes.add(declaration);
    }

    /** A timeline statement, on one or more lines: {@code at 1 ms: p touches buf}. */
    public void statement(String statement) {
        timeline.add(statement);
    }

    public boolean hasTimeline() {
        return !timeline.isEmpty();
    }

    @Override
    public String fileName() {
        return fileName;
    }

    @Override
    public Optional<Path> baseDir() {
        return baseDir;
    }

    @Override
    public Rendered render(List<String> expectations) {
        Lines out = new Lines();
        out.add("scenario \"" + escape(name) + "\" {");
        if (seed != null) {
            out.add("  seed " + seed);
        }
        if (!machine.isEmpty()) {
            out.add("  machine {");
            machine.forEach(setting -> out.add("    " + setting));
            out.add("  }");
        }
        for (List<String> section : List.of(files, processes, timeline)) {
            section.forEach(item -> out.add(indent(item)));
        }
        List<Integer> lines = new ArrayList<>();
        for (String expectation : expectations) {
            lines.add(out.add("  " + expectation));
        }
        out.add("}");
        return new Rendered(out.text(), lines);
    }

    private static String indent(String item) {
        return "  " + item.strip().replace("\n", "\n  ");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Text built line by line, knowing the number of the line it adds. */
    private static final class Lines {
        private final StringBuilder text = new StringBuilder();
        private int count;

        int add(String line) {
            text.append(line).append('\n');
            count += (int) line.chars().filter(c -> c == '\n').count() + 1;
            return count;
        }

        String text() {
            return text.toString();
        }
    }
}
