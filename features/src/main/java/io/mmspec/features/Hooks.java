package io.mmspec.features;

import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

/** Tells the world which Gherkin scenario starts, and where its feature file is. */
public final class Hooks {
    private final World world;

    public Hooks(World world) {
        this.world = world;
    }

    @Before(order = 0)
    public void begin(Scenario scenario) {
        world.begin(scenario.getName(), scenario.getUri());
    }
}
