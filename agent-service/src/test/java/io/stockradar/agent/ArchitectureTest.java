package io.stockradar.agent;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the engine pure and the feature packages from tangling. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stockradar.agent");

    @Test
    void engineIsPlainJavaWithoutSpringOrOtherFeatures() {
        classes().that().resideInAPackage("io.stockradar.agent.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.stockradar.agent.engine..", "java..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.stockradar.agent.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void marketDataAndOutboxKnowNothingOfTheFeaturesUsingThem() {
        noClasses().that().resideInAnyPackage("io.stockradar.agent.marketdata..", "io.stockradar.agent.outbox..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stockradar.agent.screener..",
                        "io.stockradar.agent.analysis..", "io.stockradar.agent.market..")
                .check(CLASSES);
    }

    @Test
    void onlyTheScreenerWritesTheOutbox() {
        noClasses().that().resideInAnyPackage("io.stockradar.agent.market..", "io.stockradar.agent.analysis..",
                        "io.stockradar.agent.marketdata..")
                .should().dependOnClassesThat().resideInAPackage("io.stockradar.agent.outbox..")
                .check(CLASSES);
    }
}
