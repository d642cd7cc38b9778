package io.stockradar.marketdata;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Feature packages (quote, bars, universe, search, financials) stand side by side: they use the provider
 * API and the cache, never each other. The provider knows nothing of the web or the cache; the demo
 * implementation is reached only through the {@code MarketDataProvider} interface.
 */
class ArchitectureTest {

    private static final String BASE = "io.stockradar.marketdata";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void featuresDoNotDependOnEachOther() {
        ArchRule rule = slices().matching(BASE + ".(quote|bars|universe|search|financials)..").should()
                .notDependOnEachOther();
        rule.check(CLASSES);
    }

    @Test
    void providerDependsOnNeitherFeaturesNorCacheNorWeb() {
        noClasses().that().resideInAPackage(BASE + ".provider..").should().dependOnClassesThat()
                .resideInAnyPackage(BASE + ".quote..", BASE + ".bars..", BASE + ".universe..", BASE + ".search..",
                        BASE + ".financials..", BASE + ".cache..", BASE + ".config..",
                        "org.springframework.web..", "org.springframework.data.redis..")
                .check(CLASSES);
    }

    @Test
    void onlyTheProviderPackageKnowsTheDemoImplementation() {
        noClasses().that().resideOutsideOfPackage(BASE + ".provider.demo..").should().dependOnClassesThat()
                .resideInAPackage(BASE + ".provider.demo..").check(CLASSES);
    }

    @Test
    void cacheDoesNotDependOnFeatures() {
        noClasses().that().resideInAPackage(BASE + ".cache..").should().dependOnClassesThat()
                .resideInAnyPackage(BASE + ".quote..", BASE + ".bars..", BASE + ".universe..", BASE + ".search..",
                        BASE + ".financials..")
                .check(CLASSES);
    }

    @Test
    void upstreamClientsAreReachedOnlyThroughTheProviderInterfaces() {
        noClasses().that().resideOutsideOfPackages(BASE + ".yahoo..").should().dependOnClassesThat()
                .resideInAPackage(BASE + ".yahoo..").check(CLASSES);
        noClasses().that().resideOutsideOfPackages(BASE + ".dart..").should().dependOnClassesThat()
                .resideInAPackage(BASE + ".dart..").check(CLASSES);
    }

    @Test
    void upstreamClientsKnowNeitherFeaturesNorTheCacheNorTheWebLayer() {
        noClasses().that().resideInAnyPackage(BASE + ".yahoo..", BASE + ".dart..", BASE + ".upstream..")
                .should().dependOnClassesThat()
                .resideInAnyPackage(BASE + ".quote..", BASE + ".bars..", BASE + ".universe..", BASE + ".search..",
                        BASE + ".financials..", BASE + ".disclosure..", BASE + ".cache..", BASE + ".config..",
                        BASE + ".provider.demo..", "org.springframework.web.servlet..",
                        "org.springframework.web.bind.annotation.RestController")
                .check(CLASSES);
    }

    @Test
    void theDisclosureFeatureStandsBesideTheOthers() {
        slices().matching(BASE + ".(quote|bars|universe|search|financials|disclosure)..").should()
                .notDependOnEachOther().check(CLASSES);
    }
}
