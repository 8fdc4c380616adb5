package io.mmspec.dsl.compile;

import io.mmspec.dsl.ast.Scenario;
import io.mmspec.dsl.diag.Diagnostic;
import io.mmspec.dsl.diag.SourceText;
import java.util.List;
import java.util.Optional;

/** A checked scenario to a {@link CompiledScenario}, or the mistakes only compiling can find. */
public final class ScenarioCompiler {
    private ScenarioCompiler() {
    }

    /** The outcome: a scenario, or diagnostics (never both empty). */
    public record Result(Optional<CompiledScenario> scenario, List<Diagnostic> diagnostics) {
    }

    public static Result compile(Scenario scenario, SourceText source) {
        MachineCompiler.Result machine = MachineCompiler.compile(scenario.machine(), scenario.seedOrDefault());
        if (!machine.errors().isEmpty()) {
            return new Result(Optional.empty(), machine.errors());
        }
        CompiledScenario compiled = new CompiledScenario(scenario.name().value(), source.name(),
                source, machine.config(), machine.unsupported(), scenario.files(),
                scenario.processes(), TimelineCompiler.compile(scenario.timeline()), scenario.expectations());
        return new Result(Optional.of(compiled), List.of());
    }
}
