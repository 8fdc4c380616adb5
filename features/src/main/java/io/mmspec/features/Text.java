package io.mmspec.features;

/** Comparing text a person wrote with text the machine printed. */
final class Text {
    private Text() {
    }

    /** Lines stripped of surrounding blanks, runs of blanks made one, empty lines dropped. */
    static String normalize(String text) {
        StringBuilder out = new StringBuilder();
        text.lines().map(line -> line.strip().replaceAll("\\s+", " ")).filter(line -> !line.isEmpty())
                .forEach(line -> out.append(line).append('\n'));
        return out.toString();
    }
}
