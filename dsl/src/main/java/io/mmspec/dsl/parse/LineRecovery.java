package io.mmspec.dsl.parse;

import io.mmspec.grammar.MmsLexer;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNState;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's error recovery, resynchronising at the end of the line where a statement list meets
 * a token that can neither continue nor end it ("p touches buf @ 4 KB", "at 1 s p maps ...").
 * ANTLR's default would leave the list and let the enclosing rule skip to its own end (the
 * closing brace), swallowing every later line unchecked; here the rest of the line is skipped,
 * the mistake reported, and the list goes on, so every line gets its own verdict.
 */
final class LineRecovery extends DefaultErrorStrategy {

    @Override
    public void sync(Parser recognizer) {
        ATNState state = recognizer.getInterpreter().atn.states.get(recognizer.getState());
        if (!inErrorRecoveryMode(recognizer) && isLoopDecision(state)) {
            TokenStream tokens = recognizer.getInputStream();
            Token next = tokens.LT(1);
            IntervalSet viable = recognizer.getExpectedTokens();
            if (next.getType() != Token.EOF && !viable.contains(next.getType())) {
                recognizer.notifyErrorListeners(next, "mismatched input", null);
                skipRestOfLine(recognizer);
                return;
            }
        }
        super.sync(recognizer);
    }

    private static boolean isLoopDecision(ATNState state) {
        int type = state.getStateType();
        return type == ATNState.STAR_LOOP_ENTRY || type == ATNState.STAR_LOOP_BACK || type == ATNState.PLUS_LOOP_BACK;
    }

    /** Consumes up to the statement separator (a newline or ';'), a brace, or the end. */
    private static void skipRestOfLine(Parser recognizer) {
        TokenStream tokens = recognizer.getInputStream();
        while (true) {
            Token next = tokens.LT(1);
            int type = next.getType();
            if (type == Token.EOF || type == MmsLexer.NL || ";".equals(next.getText())
                    || "}".equals(next.getText()) || "{".equals(next.getText())) {
                return;
            }
            recognizer.consume();
        }
    }
}
