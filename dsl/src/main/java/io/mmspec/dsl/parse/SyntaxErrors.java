package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Span;
import io.mmspec.dsl.diag.Diagnostics;
import io.mmspec.dsl.diag.Suggestions;
import io.mmspec.dsl.ast.Unit;
import io.mmspec.grammar.MmsLexer;
import io.mmspec.grammar.MmsParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into diagnostics in plain English instead of letting ANTLR print
 * them: "unexpected 'allocate'; did you mean 'allocates'?", "missing unit after '5'", never a
 * raw token set. Statements are lines, so ANTLR's recovery resynchronises at the next line:
 * one mistake per line is reported, each its own. After a mistake in the structure (a brace,
 * or the end of the file) nothing more is, since what follows would only be its consequence.
 */
final class SyntaxErrors extends BaseErrorListener {

    private final Spans spans;
    private final Diagnostics diagnostics;
    private int lastLine;
    private boolean structureBroken;

    /** Lines that already have a lexical mistake: nothing more is said about them. */
    private final java.util.Set<Integer> quietLines;

    SyntaxErrors(Spans spans, Diagnostics diagnostics, java.util.Set<Integer> quietLines) {
        this.spans = spans;
        this.diagnostics = diagnostics;
        this.quietLines = quietLines;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String msg, RecognitionException e) {
        Token offending = (Token) offendingSymbol;
        if (structureBroken || offending.getLine() <= lastLine) {
            return;
        }
        if (quietLines.contains(offending.getLine())) {
            lastLine = offending.getLine();
            return;
        }
        lastLine = offending.getLine();

        Parser parser = (Parser) recognizer;
        IntervalSet expected = e instanceof NoViableAltException noViable && noViable.getStartToken() != offending
                ? null : parser.getExpectedTokens();
        Span span = spans.of(offending);
        if (offending.getType() == MmsLexer.NL) {
            span = new Span(span.file(), span.line(), span.column(), 0);
        }
        boolean missing = e == null && msg.startsWith("missing ");
        String text = message(parser, offending, expected, missing);
        // a brace out of place, a missing one, or the end of the file: what follows is its consequence
        structureBroken = isStructural(offending) || msg.startsWith("missing '}'") || msg.startsWith("missing '{'")
                || text.contains("'}' missing");
        diagnostics.error(span, text);
    }

    private static boolean isStructural(Token token) {
        return token.getType() == Token.EOF || "{".equals(token.getText()) || "}".equals(token.getText());
    }

    private String message(Parser parser, Token offending, IntervalSet expected, boolean missing) {
        String found = describeFound(offending);
        Token previous = previous(parser, offending);
        String special = special(parser, offending, previous, expected);
        if (special != null) {
            return special;
        }
        String hint = isWord(offending) ? suggestion(offending.getText(), expected) : "";
        if (!hint.isEmpty()) {
            return "unexpected " + found + hint;
        }
        if (expected == null) {
            return "unexpected " + found + contextHint(parser);
        }
        String wanted = ExpectedTokens.describe(expected, parser);
        if (missing) {
            return "missing " + wanted + " before " + found;
        }
        return "unexpected " + found + "; expecting " + wanted;
    }

    /** Mistakes common enough to deserve their own words. */
    private String special(Parser parser, Token offending, Token previous, IntervalSet expected) {
        boolean wantsName = expected != null && expected.contains(MmsLexer.IDENT);
        if (wantsName && ExpectedTokens.isReserved(offending.getType())) {
            return "'" + offending.getText() + "' is a reserved word and cannot be a name";
        }
        boolean inQuantity = ExpectedTokens.inQuantity(parser.getContext());
        if (inQuantity && wantsName && previous != null && previous.getType() == MmsLexer.NUMBER) {
            return "missing unit after '" + previous.getText() + "' (a size: B, KB, MB, GB, TB, pages;"
                    + " a time: ns, us, ms, s)";
        }
        if (previous != null && previous.getType() == MmsLexer.NUMBER && Unit.bySymbol(offending.getText()).isPresent()
                && !wantsName) {
            return "'" + previous.getText() + "' is a count here and takes no unit: remove '" + offending.getText() + "'";
        }
        if (expected != null && expected.contains(MmsLexer.RBRACE) && ExpectedTokens.startsScenarioItem(offending)
                && ExpectedTokens.insideBlock(parser.getContext())) {
            return "'" + offending.getText() + "' cannot go inside this block: is its closing '}' missing?";
        }
        if (offending.getType() == Token.EOF && expected != null && expected.contains(MmsLexer.RBRACE)) {
            return "unexpected end of file: a '{' is never closed with '}'";
        }
        return null;
    }

    private static String contextHint(Parser parser) {
        String context = ExpectedTokens.describeRule(parser.getContext());
        return context == null ? "" : "; expecting " + context;
    }

    /**
     * "; did you mean 'x'?" for a misspelt keyword: first among the keywords expected right
     * here, then (closer matches only) among all keywords, since ANTLR's expected set leaves out
     * the optional words it skipped before it noticed the mistake.
     */
    private static String suggestion(String word, IntervalSet expected) {
        if (expected != null) {
            String hint = Suggestions.hint(word, keywords(expected));
            if (!hint.isEmpty()) {
                return hint;
            }
        }
        if (word.length() < 3) {
            return "";
        }
        for (String keyword : ALL_KEYWORDS) {
            int allowed = word.length() >= 7 ? 2 : 1;
            if (!keyword.equals(word) && Suggestions.distance(word, keyword) <= allowed) {
                return "; did you mean '" + keyword + "'?";
            }
        }
        return "";
    }

    private static Token previous(Parser parser, Token offending) {
        int index = offending.getTokenIndex() - 1;
        while (index >= 0) {
            Token token = parser.getTokenStream().get(index);
            if (token.getChannel() == Token.DEFAULT_CHANNEL) {
                return token;
            }
            index--;
        }
        return null;
    }

    private static boolean isWord(Token token) {
        String text = token.getText();
        return !text.isEmpty() && Character.isLetter(text.charAt(0)) && token.getType() != Token.EOF;
    }

    private static final List<String> ALL_KEYWORDS = keywords(IntervalSet.of(0, MmsLexer.VOCABULARY.getMaxTokenType()));

    private static List<String> keywords(IntervalSet expected) {
        List<String> words = new ArrayList<>();
        for (int type : expected.toList()) {
            String literal = MmsLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.length() > 2 && Character.isLetter(literal.charAt(1))) {
                words.add(literal.substring(1, literal.length() - 1));
            }
        }
        return words;
    }

    static String describeFound(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "end of file";
            case MmsLexer.NL -> "end of line";
            case MmsLexer.STRING -> "the string " + token.getText();
            default -> "'" + token.getText() + "'";
        };
    }
}
