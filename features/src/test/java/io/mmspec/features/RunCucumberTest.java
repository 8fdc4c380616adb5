package io.mmspec.features;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

/** Runs every feature file under io/mmspec/features with the step library (settings: junit-platform.properties). */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("io.mmspec.features")
public class RunCucumberTest {
}
