package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Span;
import io.mmspec.dsl.diag.Diagnostics;
import io.mmspec.grammar.MmsLexer;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Reports what the lexer let through as tokens of their own so that it never fails: unknown
 * characters, unterminated strings and bad escapes in strings, each at its exact column. The
 * syntax of the rest of the file is checked after it, so a file gets all its mistakes at once.
 */
final class LexicalScan {

    private LexicalScan() {
    }

    /**
     * Reports every lexical mistake and returns the lines that had one: the parser will not
     * see those lines (what it would say there is only a consequence).
     */
    static java.util.Set<Integer> scan(List<Token> tokens, Spans spans, Diagnostics diagnostics) {
        java.util.Set<Integer> lines = new java.util.TreeSet<>();
        for (Token token : tokens) {
            int before = diagnostics.size();
            switch (token.getType()) {
                case MmsLexer.UNKNOWN_CHAR -> diagnostics.error(spans.of(token), unknownChar(token.getText()));
                case MmsLexer.UNTERMINATED_STRING -> diagnostics.error(spans.of(token),
                        "unterminated string: a string ends with '\"' on the same line");
                case MmsLexer.STRING -> checkEscapes(token, spans, diagnostics);
                default -> { }
            }
            if (diagnostics.size() > before) {
                lines.add(token.getLine());
            }
        }
        return lines;
    }

    private static String unknownChar(String text) {
        char c = text.charAt(0);
        if (c == '\'') {
            return "unexpected character \"'\": strings are written in double quotes";
        }
        if (c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
            return String.format("unexpected character U+%04X", (int) c);
        }
        return "unexpected character '" + text + "'";
    }

    private static void checkEscapes(Token token, Spans spans, Diagnostics diagnostics) {
        String text = token.getText();
        for (int i = 1; i < text.length() - 1; i++) {
            if (text.charAt(i) != '\\') {
                continue;
            }
            char next = text.charAt(i + 1);
            int length = 2;
            boolean valid = "0nt\\\"".indexOf(next) >= 0;
            if (next == 'x') {
                valid = isHex(text, i + 2) && isHex(text, i + 3);
                length = valid ? 4 : 2;
            }
            if (!valid) {
                Span at = spans.of(token);
                diagnostics.error(new Span(at.file(), at.line(), at.column() + i, length),
                        "bad escape '\\" + next + "' in a string; the escapes are \\0 \\n \\t \\\\ \\\" and \\xHH");
            }
            i += length - 1;
        }
    }

    private static boolean isHex(String text, int index) {
        return index < text.length() - 1 && Character.digit(text.charAt(index), 16) >= 0;
    }
}
