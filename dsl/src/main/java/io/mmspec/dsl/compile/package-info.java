/**
 * From a checked AST to something that runs: the machine configuration, the files and
 * processes to create, and the timeline of actions in the order they run, (time, line).
 */
package io.mmspec.dsl.compile;
