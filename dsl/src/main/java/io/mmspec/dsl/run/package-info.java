/**
 * Running a compiled scenario: the machine is booted, files and processes created, every action
 * handed to its process at its time, and the expectations evaluated at theirs, by one set of
 * predicates that the Gherkin steps share.
 */
package io.mmspec.dsl.run;
