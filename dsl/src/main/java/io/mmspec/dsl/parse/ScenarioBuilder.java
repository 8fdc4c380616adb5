package io.mmspec.dsl.parse;

import io.mmspec.dsl.ast.Count;
import io.mmspec.dsl.ast.Expectation;
import io.mmspec.dsl.ast.FileDecl;
import io.mmspec.dsl.ast.Machine;
import io.mmspec.dsl.ast.ProcessDecl;
import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.ast.Statement;
import io.mmspec.grammar.MmsParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assembles a {@link Scenario} from a parse tree, handing each section to its own builder
 * (machine, declarations, timeline, expectations).
 */
final class ScenarioBuilder {

    private final Literals literals;
    private final DeclarationBuilder declarations;
    private final TimelineBuilder timeline;
    private final ExpectationBuilder expectations;

    ScenarioBuilder(Literals literals) {
        this.literals = literals;
        this.declarations = new DeclarationBuilder(literals);
        this.timeline = new TimelineBuilder(literals);
        this.expectations = new ExpectationBuilder(literals);
    }

    Scenario scenario(MmsParser.ScenarioFileContext ctx) {
        Optional<Count> seed = Optional.empty();
        Optional<Machine> machine = Optional.empty();
        List<FileDecl> files = new ArrayList<>();
        List<ProcessDecl> processes = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        List<Expectation> expects = new ArrayList<>();
        for (MmsParser.ScenarioItemContext item : ctx.scenarioBody().scenarioItem()) {
            if (item instanceof MmsParser.SeedItemContext s) {
                seed = once(seed, literals.count(s.value), s, "seed");
            } else if (item instanceof MmsParser.MachineItemContext m) {
                machine = once(machine, machine(m.machine()), m, "machine");
            } else if (item instanceof MmsParser.FileItemContext f) {
                files.add(declarations.file(f.fileDecl()));
            } else if (item instanceof MmsParser.ProcessItemContext p) {
                processes.add(declarations.process(p.processDecl()));
            } else if (item instanceof MmsParser.TimelineItemContext t) {
                statements.add(timeline.statement(t.timelineStatement()));
            } else {
                expects.add(expectations.expectation(((MmsParser.ExpectationItemContext) item).expectation()));
            }
        }
        return new Scenario(literals.string(ctx.name), seed, machine, files, processes, statements, expects,
                literals.spans().of(ctx.SCENARIO().getSymbol()));
    }

    Machine machine(MmsParser.MachineContext ctx) {
        return MachineBuilder.build(ctx.machineSettings().machineSetting(), literals.spans().of(ctx.MACHINE().getSymbol()),
                literals);
    }

    Machine machineBody(MmsParser.MachineBodyContext ctx) {
        return MachineBuilder.build(ctx.machineSettings().machineSetting(), literals.spans().of(ctx.getStart()), literals);
    }

    List<Statement> actions(MmsParser.ActionListContext ctx) {
        return ctx.timelineStatement().stream().map(timeline::statement).toList();
    }

    List<Expectation> expectations(MmsParser.ExpectationListContext ctx) {
        return ctx.expectation().stream().map(expectations::expectation).toList();
    }

    private <T> Optional<T> once(Optional<T> previous, T value, MmsParser.ScenarioItemContext item, String what) {
        if (previous.isPresent()) {
            literals.diagnostics().error(literals.spans().of(item.getStart()),
                    "a scenario has one " + what + (what.equals("machine") ? " block" : "") + "; this is the second");
            return previous;
        }
        return Optional.of(value);
    }
}
