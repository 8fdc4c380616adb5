/**
 * The {@code mmspec} command line (picocli): {@code check} here; run, trace, grade and features
 * are added as subcommands of {@link io.mmspec.dsl.cli.Main}. Errors are one line each, never a
 * stack trace unless {@code --debug}.
 */
package io.mmspec.dsl.cli;
