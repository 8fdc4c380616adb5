package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Turns tokens and parse-tree nodes into {@link Span}s of one file. A fragment (a Gherkin
 * doc string) is parsed on its own, so its lines are shifted to where it sits in its file.
 */
final class Spans {

    private final String file;
    private final int lineOffset;

    Spans(String file, int lineOffset) {
        this.file = file;
        this.lineOffset = lineOffset;
    }

    String file() {
        return file;
    }

    Span of(Token token) {
        int length = token.getType() == Token.EOF ? 0 : token.getStopIndex() - token.getStartIndex() + 1;
        return new Span(file, token.getLine() + lineOffset, token.getCharPositionInLine() + 1, Math.max(length, 0));
    }

    /** From the first token of the node to its last (cut at the end of the first line when printed). */
    Span of(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() == null || ctx.getStop().getStopIndex() < start.getStartIndex()
                ? start : ctx.getStop();
        int length = stop.getStopIndex() - start.getStartIndex() + 1;
        return new Span(file, start.getLine() + lineOffset, start.getCharPositionInLine() + 1, Math.max(length, 0));
    }

    /** The source text of the node, as written (spaces included). */
    static String text(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        if (stop == null || stop.getStopIndex() < start.getStartIndex()) {
            return start.getText();
        }
        return start.getInputStream().getText(Interval.of(start.getStartIndex(), stop.getStopIndex()));
    }
}
