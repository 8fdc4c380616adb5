package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.ast.Machine;
import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.dsl.diag.Diagnostics;
import io.mmspec.dsl.diag.SourceText;
import io.mmspec.grammar.MmsLexer;
import io.mmspec.grammar.MmsParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The parser's front door: a scenario file, or a fragment of the language (timeline
 * statements or expectations, as Gherkin doc strings hold them), to an AST or diagnostics.
 * <p>
 * ANTLR never prints: lexical mistakes are tokens of their own, reported with their exact
 * column; syntax errors go through {@link SyntaxErrors}. Parsing tries the fast SLL prediction
 * first and falls back to full LL only when SLL fails, as Trino does.
 */
public final class ScenarioParser {

    private ScenarioParser() {
    }

    /** Parses a file; diagnostics name it as {@code path} is written. */
    public static ParseResult<Scenario> parseFile(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
    }

    /** Parses a whole scenario ({@code scenario "name" { ... }}). */
    public static ParseResult<Scenario> parse(String source, String fileName) {
        return run(source, fileName, 0, MmsParser::scenarioFile, (builder, tree) -> builder.scenario(tree));
    }

    /**
     * Parses timeline statements only ({@code at 1 s: blender allocates 5 GB}), one per line.
     * {@code firstLine} is the line of the fragment's first line in its file (1 for a file of its own).
     */
    public static ParseResult<List<Statement>> parseActions(String source, String fileName, int firstLine) {
        return run(source, fileName, firstLine - 1, MmsParser::actionList, ScenarioBuilder::actions);
    }

    /** Parses expectations only ({@code expect: chrome killed by oom}), one per line. */
    public static ParseResult<List<Expectation>> parseExpectations(String source, String fileName, int firstLine) {
        return run(source, fileName, firstLine - 1, MmsParser::expectationList, ScenarioBuilder::expectations);
    }

    /** Parses the settings of a machine block without the braces ({@code ram 8 GB; cpus 2}). */
    public static ParseResult<Machine> parseMachine(String source, String fileName, int firstLine) {
        return run(source, fileName, firstLine - 1, MmsParser::machineBody, ScenarioBuilder::machineBody);
    }

    private static <C extends ParserRuleContext, T> ParseResult<T> run(
            String source, String fileName, int lineOffset, Function<MmsParser, C> rule,
            BiFunction<ScenarioBuilder, C, T> build) {
        String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
        SourceText sourceText = new SourceText(fileName, "\n".repeat(Math.max(lineOffset, 0)) + text);
        Spans spans = new Spans(fileName, lineOffset);
        Diagnostics diagnostics = new Diagnostics();

        MmsLexer lexer = new MmsLexer(CharStreams.fromString(text, fileName));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        java.util.Set<Integer> lexicalLines = LexicalScan.scan(tokens.getTokens(), spans, diagnostics);
        hideLines(tokens, lexicalLines);
        C tree = parseTree(tokens, rule, new SyntaxErrors(spans, diagnostics, lexicalLines));
        if (!diagnostics.isEmpty()) {
            return new ParseResult<>(Optional.empty(), diagnostics.sorted(), sourceText);
        }
        T value = build.apply(new ScenarioBuilder(new Literals(spans, diagnostics)), tree);
        return new ParseResult<>(Optional.of(value), diagnostics.sorted(), sourceText);
    }

    /**
     * The statements of lines with a lexical mistake are taken out of the parser's sight (all
     * but their braces, which carry the file's structure), so the other lines are checked as if
     * those were empty, and no mistake is reported twice.
     */
    private static void hideLines(CommonTokenStream tokens, java.util.Set<Integer> lines) {
        if (lines.isEmpty()) {
            return;
        }
        for (org.antlr.v4.runtime.Token token : tokens.getTokens()) {
            String text = token.getText();
            if (lines.contains(token.getLine()) && token.getType() != MmsLexer.NL
                    && token.getType() != org.antlr.v4.runtime.Token.EOF && !"{".equals(text) && !"}".equals(text)) {
                ((org.antlr.v4.runtime.WritableToken) token).setChannel(org.antlr.v4.runtime.Token.HIDDEN_CHANNEL);
            }
        }
    }

    /** SLL with bail-out first; on failure, LL with error recovery and the collecting listener. */
    private static <C extends ParserRuleContext> C parseTree(CommonTokenStream tokens, Function<MmsParser, C> rule,
                                                             SyntaxErrors errors) {
        MmsParser parser = new MmsParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return rule.apply(parser);
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(errors);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new LineRecovery());
            return rule.apply(parser);
        }
    }
}
