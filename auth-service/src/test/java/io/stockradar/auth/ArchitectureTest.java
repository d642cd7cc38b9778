package io.stockradar.auth;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package boundaries of auth-service: {@code jwt}, {@code throttle} and {@code outbox} are leaves;
 * {@code account} uses only the leaves {@code throttle} and {@code outbox}; {@code token}, {@code admin},
 * {@code client} and {@code apikey} compose; {@code config} wires cross-cutting concerns and nothing depends on it.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.stockradar.auth");
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        slices().matching("io.stockradar.auth.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void accountDependsOnNoOtherFeature() {
        noClasses().that().resideInAPackage("..auth.account..")
                .should().dependOnClassesThat().resideInAnyPackage("..auth.token..", "..auth.jwt..", "..auth.config..",
                        "..auth.admin..", "..auth.client..", "..auth.apikey..")
                .check(classes);
    }

    @Test
    void throttleIsALeaf() {
        noClasses().that().resideInAPackage("..auth.throttle..")
                .should().dependOnClassesThat().resideInAnyPackage("..auth.account..", "..auth.token..", "..auth.jwt..",
                        "..auth.config..", "..auth.admin..", "..auth.client..", "..auth.outbox..", "..auth.apikey..")
                .check(classes);
    }

    @Test
    void outboxIsALeaf() {
        noClasses().that().resideInAPackage("..auth.outbox..")
                .should().dependOnClassesThat().resideInAnyPackage("..auth.account..", "..auth.token..", "..auth.jwt..",
                        "..auth.config..", "..auth.admin..", "..auth.client..", "..auth.throttle..", "..auth.apikey..")
                .check(classes);
    }

    @Test
    void serviceClientsNeverSeeUserAccounts() {
        noClasses().that().resideInAPackage("..auth.client..")
                .should().dependOnClassesThat().resideInAnyPackage("..auth.account..", "..auth.token..", "..auth.admin..",
                        "..auth.apikey..")
                .check(classes);
    }

    @Test
    void jwtDependsOnNoOtherFeature() {
        noClasses().that().resideInAPackage("..auth.jwt..")
                .should().dependOnClassesThat().resideInAnyPackage("..auth.account..", "..auth.token..", "..auth.config..",
                        "..auth.apikey..")
                .check(classes);
    }

    @Test
    void nothingDependsOnConfig() {
        noClasses().that().resideOutsideOfPackage("..auth.config..")
                .should().dependOnClassesThat().resideInAPackage("..auth.config..")
                .check(classes);
    }

    @Test
    void onlyRepositoriesTalkSql() {
        noClasses().that().areNotAnnotatedWith(Repository.class)
                .should().dependOnClassesThat().areAssignableTo(JdbcClient.class)
                .check(classes);
    }

    @Test
    void repositoriesAndControllersStayPackagePrivate() {
        classes().that().areAnnotatedWith(Repository.class).or().areAnnotatedWith(RestController.class)
                .should().notBePublic()
                .check(classes);
    }

    @Test
    void controllersNeverExposeTheRepositories() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().areAnnotatedWith(Repository.class)
                .check(classes);
    }
}
