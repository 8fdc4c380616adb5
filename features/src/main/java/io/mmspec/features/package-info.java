/**
 * The Gherkin step library: Cucumber steps that write a scenario of the scenario language and
 * run it on the simulated kernel, shared by the project's feature files and a teacher's own
 * ({@code ./mmspec features PATH}).
 *
 * <p>Everything goes through the dsl: Given and When steps produce scenario-language text
 * ({@link io.mmspec.features.ScenarioDraft}), the language's parser reads their values
 * ({@link io.mmspec.features.Literals}), its action compiler gives actions their meaning and
 * its predicates decide every Then step ({@link io.mmspec.features.World}). A step never
 * reimplements an action or a predicate. The views (the address space drawing, /proc text, the
 * page walk) read the machine the run left.
 *
 * <p>Steps classes: {@link io.mmspec.features.MachineSteps} (Given),
 * {@link io.mmspec.features.ActionSteps} (When), {@link io.mmspec.features.OutcomeSteps} and
 * {@link io.mmspec.features.KernelViewSteps} (Then), {@link io.mmspec.features.ScenarioFileSteps}
 * (scenario files). Parameter types: {@link io.mmspec.features.ParameterTypes}.
 */
package io.mmspec.features;
