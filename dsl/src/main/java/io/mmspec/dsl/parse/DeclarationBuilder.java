package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Count;
import io.mmspec.dsl.ast.FileDecl;
import io.mmspec.dsl.ast.Name;
import io.mmspec.dsl.ast.ProcessDecl;
import io.mmspec.dsl.ast.Size;
import io.mmspec.dsl.ast.Span;
import io.mmspec.dsl.diag.Suggestions;
import io.mmspec.grammar.MmsParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the declarations of files and of the processes that exist when a scenario starts. */
final class DeclarationBuilder {

    private static final List<String> SECTIONS = List.of("text", "data", "bss");

    private final Literals literals;

    DeclarationBuilder(Literals literals) {
        this.literals = literals;
    }

    FileDecl file(MmsParser.FileDeclContext ctx) {
        return new FileDecl(literals.string(ctx.path),
                Optional.ofNullable(ctx.size).map(literals::size),
                Optional.ofNullable(ctx.disk).map(literals::name),
                Optional.ofNullable(ctx.contents).map(literals::string),
                Optional.ofNullable(ctx.layout()).map(this::layout),
                literals.spans().of(ctx));
    }

    private FileDecl.Layout layout(MmsParser.LayoutContext ctx) {
        Map<String, Size> sections = new HashMap<>();
        for (MmsParser.SectionContext section : ctx.section()) {
            Name name = literals.name(section.name);
            Size size = literals.size(section.size);
            if (!SECTIONS.contains(name.text())) {
                literals.diagnostics().error(name.span(), "unknown section '" + name.text()
                        + "' (text, data, bss)" + Suggestions.hint(name.text(), SECTIONS));
            } else if (sections.putIfAbsent(name.text(), size) != null) {
                literals.diagnostics().error(name.span(), "the section '" + name.text() + "' is given twice");
            }
        }
        return new FileDecl.Layout(Optional.ofNullable(sections.get("text")),
                Optional.ofNullable(sections.get("data")), Optional.ofNullable(sections.get("bss")),
                literals.spans().of(ctx));
    }

    ProcessDecl process(MmsParser.ProcessDeclContext ctx) {
        Options options = new Options();
        for (MmsParser.ProcessOptionContext option : ctx.processOption()) {
            options.add(option);
        }
        return new ProcessDecl(literals.name(ctx.name), options.count("pid"), options.name("parent"),
                options.count("uid"), options.count("oom_score_adj"), options.count("nice"),
                Optional.ofNullable((Size) options.values.get("uses")), options.name("uses_as"),
                literals.spans().of(ctx));
    }

    /** The options of one process line, each at most once. */
    private final class Options {
        private final Map<String, Object> values = new HashMap<>();
        private final Map<String, Span> places = new HashMap<>();

        void add(MmsParser.ProcessOptionContext option) {
            String key = option.getStart().getText();
            Span span = literals.spans().of(option.getStart());
            if (places.containsKey(key)) {
                literals.diagnostics().error(span, "'" + key + "' is given twice for this process (first at column "
                        + places.get(key).column() + ")");
                return;
            }
            places.put(key, span);
            if (option instanceof MmsParser.PidOptionContext pid) {
                values.put(key, literals.count(pid.pid));
            } else if (option instanceof MmsParser.ParentOptionContext parent) {
                values.put(key, literals.name(parent.parent));
            } else if (option instanceof MmsParser.UidOptionContext uid) {
                values.put(key, literals.count(uid.uid));
            } else if (option instanceof MmsParser.OomScoreAdjOptionContext adj) {
                values.put(key, literals.count(adj.adj));
            } else if (option instanceof MmsParser.NiceOptionContext nice) {
                values.put(key, literals.count(nice.nice));
            } else if (option instanceof MmsParser.UsesOptionContext uses) {
                values.put(key, literals.size(uses.size));
                if (uses.name != null) {
                    values.put("uses_as", literals.name(uses.name));
                }
            }
        }

        Optional<Count> count(String key) {
            return Optional.ofNullable((Count) values.get(key));
        }

        Optional<Name> name(String key) {
            return Optional.ofNullable((Name) values.get(key));
        }
    }
}
