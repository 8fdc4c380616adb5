/**
 * The semantic checks of scenarios: every mistake at once, sorted by position, each with a
 * hint where one helps ("unknown process 'chrom'; did you mean 'chrome'?"). Names of events,
 * vmstat counters, meminfo fields, madvise advice, signals and errno values are checked against
 * the runtime's registries. {@link io.mmspec.dsl.check.Frontend} parses and checks a file;
 * {@link io.mmspec.dsl.check.TimelineOrder} fixes when statements run, for the compiler too.
 * Not checked here: anything that depends on running the scenario (whether an address is
 * mapped, whether memory suffices); those are outcomes, reported by the run.
 */
package io.mmspec.dsl.check;
