package io.stockradar.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Feature packages (routing, loadbalancing, security, ratelimit) stand alone: they may use the shared error
 * rendering ({@code error}) and settings ({@code config}), never each other.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stockradar.gateway");

    @Test
    void featuresDoNotDependOnEachOther() {
        slices().matching("io.stockradar.gateway.(routing|loadbalancing|security|ratelimit)..")
                .should().notDependOnEachOther()
                .check(CLASSES);
    }

    @Test
    void sharedPackagesDoNotDependOnFeatures() {
        noClasses().that().resideInAnyPackage("io.stockradar.gateway.error..", "io.stockradar.gateway.config..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.stockradar.gateway.routing..", "io.stockradar.gateway.loadbalancing..",
                        "io.stockradar.gateway.security..", "io.stockradar.gateway.ratelimit..")
                .check(CLASSES);
    }
}
