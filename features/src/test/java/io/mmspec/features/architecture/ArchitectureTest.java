package io.mmspec.features.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The seams DESIGN.md draws, checked on the compiled classes of every module (this module sees
 * them all): no cycles between packages; dependencies point one way, features -> dsl ->
 * {grammar, runtime}; the runtime uses the JDK alone.
 */
class ArchitectureTest {
    /** Main code only: test classes, also those of the runtime's test-jar, may cross seams. */
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.mmspec");

    @Test
    void packagesFormNoCycles() {
        slices().matching("io.mmspec.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theRuntimeDependsOnTheJdkAlone() {
        noClasses().that().resideInAPackage("io.mmspec.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("io.mmspec.dsl..", "io.mmspec.grammar..",
                        "io.mmspec.features..", "org.antlr..", "io.cucumber..", "com.fasterxml..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void theLanguageNeverDependsOnTheFeatures() {
        noClasses().that().resideInAnyPackage("io.mmspec.dsl..", "io.mmspec.grammar..")
                .should().dependOnClassesThat().resideInAPackage("io.mmspec.features..")
                .check(CLASSES);
    }
}
