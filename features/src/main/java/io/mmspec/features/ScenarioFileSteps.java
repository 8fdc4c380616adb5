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

    /** The expectation written on that line of the file fails (a teacher's check of a wrong claim). */
    @Then("the expectation on line {int} does not hold")
    public void expectationFails(int line) {
        failing(line);
    }

    /** ... and its message says so: {@code expected == 2561, but it is 2560}. */
    @Then("the expectation on line {int} does not hold: {string}")
    public void expectationFails(int line, String message) {
        ExpectationResult result = failing(line);
        if (!result.message().contains(message)) {
            throw new AssertionError("the expectation on line " + line + " (" + result.text() + ") says \""
                    + result.message() + "\", not \"" + message + "\"");
        }
    }

    private ExpectationResult failing(int line) {
        Runs.Run run = world.run();
        run.requireFinished();
        ExpectationResult result = run.expectations().stream().filter(e -> e.line() == line).findFirst()
                .orElseThrow(() -> new AssertionError("no expectation on line " + line + " of "
                        + world.text().fileName() + "; they are on lines "
                        + run.expectations().stream().map(ExpectationResult::line).toList()));
        if (result.passed()) {
            throw new AssertionError("the expectation on line " + line + " (" + result.text() + ") holds: "
                    + result.actual());
        }
        return result;
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
