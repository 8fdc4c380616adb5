/**
 * The {@code mmspec features} command: Cucumber's runner with the mmspec step library,
 * registered with the dsl's command line through
 * {@code META-INF/services/io.mmspec.dsl.cli.SubcommandProvider}.
 */
package io.mmspec.features.cli;
