/** Reporters: what a run produced, as text for a person and as JSON for tools. */
package io.mmspec.dsl.report;
