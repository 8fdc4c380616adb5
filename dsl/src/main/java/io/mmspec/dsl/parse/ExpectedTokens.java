package io.mmspec.dsl.parse;

import io.mmspec.grammar.MmsLexer;
import io.mmspec.grammar.MmsParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Says in words what the parser expected: a short list ("':' or a string") when there are a
 * few possibilities, or what kind of thing goes there ("an action such as allocates, maps...")
 * when there are many. Keywords that can also be names are folded into "a name".
 */
final class ExpectedTokens {

    private static final int SHORT_LIST = 5;

    private static final Set<Integer> RESERVED = Set.of(MmsLexer.AT, MmsLexer.EVERY, MmsLexer.AFTER,
            MmsLexer.REPEAT, MmsLexer.EXPECT, MmsLexer.KERNEL, MmsLexer.AS);

    /** What goes where a rule starts, for when the list of tokens would be long. */
    private static final Map<Integer, String> RULES = Map.ofEntries(
            Map.entry(MmsParser.RULE_processAction, "an action such as allocates, maps, touches, reads, writes,"
                    + " forks, execs or protects"),
            Map.entry(MmsParser.RULE_kernelAction, "a kernel action such as kmallocs, kfrees, vmallocs, vfrees,"
                    + " allocates pages, drops caches or compacts"),
            Map.entry(MmsParser.RULE_machineSetting, "a machine setting such as ram, cpus, swap, disk,"
                    + " watermarks, thp, aslr, swappiness or overcommit"),
            Map.entry(MmsParser.RULE_machineSettings, "a machine setting such as ram, cpus, swap, disk,"
                    + " watermarks, thp, aslr, swappiness or overcommit"),
            Map.entry(MmsParser.RULE_scenarioBody, "seed, machine, file, process, a timed action (at, after,"
                    + " every, repeat) or expect"),
            Map.entry(MmsParser.RULE_scenarioItem, "seed, machine, file, process, a timed action (at, after,"
                    + " every, repeat) or expect"),
            Map.entry(MmsParser.RULE_predicate, "a predicate such as 'p alive', 'p killed by oom',"
                    + " 'p.rss >= 4 MB', 'event kswapd_wake' or 'dmesg contains \"...\"'"),
            Map.entry(MmsParser.RULE_metric, "a metric such as p.rss, vmstat.pgfault or meminfo.MemFree"),
            Map.entry(MmsParser.RULE_timing, "a time: at T, after T, every T from A to B, or repeat N times"),
            Map.entry(MmsParser.RULE_actionList, "a timed action: at T, after T, every T from A to B, or repeat N times"),
            Map.entry(MmsParser.RULE_expectationList, "an expectation (expect: ...)"),
            Map.entry(MmsParser.RULE_processOption, "a process option: pid, parent, uid, oom_score_adj, nice or uses"),
            Map.entry(MmsParser.RULE_expectWhen, "at T, by T, never, always, [N points], a label or ':'"),
            Map.entry(MmsParser.RULE_expectation, "at T, by T, never, always, [N points], a label or ':'"),
            Map.entry(MmsParser.RULE_accessPattern, "sequentially, randomly N times, every SIZE or N times"),
            Map.entry(MmsParser.RULE_mapOption, "populate, at ADDRESS or huge"),
            Map.entry(MmsParser.RULE_region, "a region: NAME, NAME + OFFSET, NAME[FROM .. TO] or a hex address"),
            Map.entry(MmsParser.RULE_eventWindow, "before T, after T, between A and B, or before event NAME"),
            Map.entry(MmsParser.RULE_comparator, "a comparison: ==, !=, <, <=, > or >="));

    private ExpectedTokens() {
    }

    /** Words that begin a line of the scenario body, never a line inside a block. */
    static boolean startsScenarioItem(Token token) {
        return Set.of(MmsLexer.PROCESS, MmsLexer.FILE, MmsLexer.MACHINE, MmsLexer.SEED, MmsLexer.EXPECT,
                MmsLexer.AT, MmsLexer.AFTER, MmsLexer.EVERY, MmsLexer.REPEAT).contains(token.getType());
    }

    /** Inside a machine block, a file's layout or a group of actions. */
    static boolean insideBlock(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof MmsParser.MachineContext || c instanceof MmsParser.LayoutContext
                    || c instanceof MmsParser.ActionBlockContext) {
                return true;
            }
        }
        return false;
    }

    static boolean isReserved(int tokenType) {
        return RESERVED.contains(tokenType);
    }

    /** True inside a size or time ({@code 5 MB}), where a name after the number is its unit. */
    static boolean inQuantity(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof MmsParser.QuantityContext || c instanceof MmsParser.RateContext) {
                return true;
            }
            if (!(c instanceof MmsParser.IdentifierContext || c instanceof MmsParser.NumberContext
                    || c instanceof MmsParser.NonReservedContext)) {
                return false;
            }
        }
        return false;
    }

    static String describe(IntervalSet expected, Parser parser) {
        if (inQuantity(parser.getContext()) && expected.contains(MmsLexer.NUMBER)) {
            return "a number with its unit (4 KB, 10 ms)";
        }
        if (parser.getContext() instanceof MmsParser.RegionContext) {
            return RULES.get(MmsParser.RULE_region);
        }
        if (parser.getContext().getParent() instanceof MmsParser.KilledPredicateContext) {
            return "oom or a signal (SIGSEGV, SIGBUS, SIGKILL, SIGTERM)";
        }
        List<String> items = items(expected);
        if (items.size() <= SHORT_LIST) {
            return join(items);
        }
        String rule = describeRule(parser.getContext());
        return rule != null ? rule : join(items.subList(0, SHORT_LIST - 1)) + " or another keyword";
    }

    /** What the rule of {@code ctx} (or the nearest enclosing rule with a description) stands for. */
    static String describeRule(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            String description = RULES.get(c.getRuleIndex());
            if (description != null) {
                return description;
            }
        }
        return null;
    }

    private static List<String> items(IntervalSet expected) {
        boolean name = expected.contains(MmsLexer.IDENT);
        Set<String> items = new LinkedHashSet<>();
        for (int type : expected.toList()) {
            boolean keyword = MmsLexer.VOCABULARY.getLiteralName(type) != null
                    && Character.isLetter(MmsLexer.VOCABULARY.getLiteralName(type).charAt(1));
            if (name && keyword && !isReserved(type)) {
                continue;
            }
            items.add(display(type));
        }
        if (items.contains("a number")) {
            items.remove("'-'");
        }
        if (items.contains("end of line")) {
            items.remove("end of file");
        }
        return new ArrayList<>(items);
    }

    private static String display(int type) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case MmsLexer.IDENT -> "a name";
            case MmsLexer.NUMBER -> "a number";
            case MmsLexer.STRING -> "a string";
            case MmsLexer.HEX -> "a hex address";
            case MmsLexer.PERM -> "a permission";
            case MmsLexer.NL, MmsLexer.SEMI -> "end of line";
            default -> {
                String literal = MmsLexer.VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : MmsLexer.VOCABULARY.getDisplayName(type);
            }
        };
    }

    private static String join(List<String> items) {
        if (items.isEmpty()) {
            return "nothing more";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
