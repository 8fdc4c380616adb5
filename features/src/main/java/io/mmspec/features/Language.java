package io.mmspec.features;

/** Small pieces of scenario-language text the steps put together. */
final class Language {
    private Language() {
    }

    /**
     * A string literal of the language: {@code "text"}. Backslashes stay as written, so a step's
     * string may use the language's escapes ({@code \x90}, {@code \0}); quotes are escaped.
     */
    static String quote(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }
}
