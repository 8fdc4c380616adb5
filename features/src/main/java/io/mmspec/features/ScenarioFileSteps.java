package io.mmspec.features;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.mmspec.dsl.run.ExpectationResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Steps that run a scenario file: found beside the feature file, or in the examples folder
 * (see {@link FeatureLocation}). Then steps about outcomes work on its run too.
 */
public final class ScenarioFileSteps {
    private final World world;

    public ScenarioFileSteps(World world) {
        this.world = world;
    }

    @Given("the scenario file {string}")
    public void scenarioFile(String name) {
        world.useFile(name);
    }

    @When("it runs")
    public void itRuns() {
        world.run();
    }

    /** Every expectation of the file holds, and the run reached its end. */
    @Then("every expectation holds")
    public void everyExpectationHolds() {
        Runs.Run run = world.run();
        run.requireFinished();
        List<ExpectationResult> failed = run.expectations().stream().filter(e -> !e.passed()).toList();
        if (!failed.isEmpty()) {
            throw new AssertionError(failed.size() + " of " + run.expectations().size() + " expectations of "
                    + world.text().fileName() + " do not hold:\n" + failed.stream()
                    .map(e -> String.format("  line %d: %s%n      %s", e.line(), e.text(), e.message()))
                    .collect(Collectors.joining("\n")));
        }
    }

    /** The file holds this many expectations (so that "every expectation holds" says something). */
    @Then("it has {int} expectation(s)")
    public void expectationCount(int count) {
        int actual = world.run().expectations().size();
        if (actual != count) {
            throw new AssertionError(world.text().fileName() + " has " + actual + " expectations, not " + count);
        }
    }
}
