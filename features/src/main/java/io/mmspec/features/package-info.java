/** The Gherkin step library that drives the simulated kernel, shared with the scenario language. */
package io.mmspec.features;
