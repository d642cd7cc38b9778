package io.stockradar.history;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the features ({@code ingest}: events → database, {@code runs}: the user's history API,
 * {@code scorecard}: forward returns of picks, {@code deadletters}: operator replay, {@code retention}: the
 * purge) independent of each other and of {@code config}; they share only the schema. Web types stay out of the ingest side.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.stockradar.history");

    @Test
    void featuresDoNotDependOnEachOther() {
        slices().matching("io.stockradar.history.(*)..").should().notDependOnEachOther()
                .check(CLASSES);
    }

    @Test
    void ingestHasNoWebLayer() {
        noClasses().that().resideInAPackage("io.stockradar.history.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.security..")
                .check(CLASSES);
    }

    @Test
    void theReadApiNeverTouchesKafka() {
        noClasses().that().resideInAPackage("io.stockradar.history.runs..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    void theScorecardAndRetentionNeverTouchKafka() {
        noClasses().that().resideInAnyPackage("io.stockradar.history.scorecard..", "io.stockradar.history.retention..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    @Test
    void controllersReturnResponseRecordsNotRows() {
        classes().that().resideInAPackage("io.stockradar.history..").and().haveSimpleNameEndingWith("Response")
                .should().beRecords()
                .check(CLASSES);
    }

    @Test
    void featureClassesArePackagePrivate() {
        classes().that().resideInAnyPackage("io.stockradar.history.ingest..", "io.stockradar.history.runs..",
                        "io.stockradar.history.scorecard..", "io.stockradar.history.deadletters..",
                        "io.stockradar.history.retention..", "io.stockradar.history.config..")
                .should().notBePublic()
                .check(CLASSES);
    }
}
