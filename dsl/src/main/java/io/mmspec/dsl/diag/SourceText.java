package io.mmspec.dsl.diag;

import java.util.ArrayList;
import java.util.List;

/** The text of one source file split into lines, to quote a line under a diagnostic. */
public final class SourceText {

    private final String name;
    private final List<String> lines;

    public SourceText(String name, String text) {
        this.name = name;
        this.lines = splitLines(text);
    }

    /** The file name diagnostics print. */
    public String name() {
        return name;
    }

    /** Line {@code number} (1-based) without its line break, or "" past the end. */
    public String line(int number) {
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
    }

    private static List<String> splitLines(String text) {
        List<String> result = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                result.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        result.add(text.substring(start));
        return result;
    }
}
