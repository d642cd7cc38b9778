package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.SecurityMaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The bundled dataset is loaded whatever the provider: the demo provider serves all of it, live providers
 * use its security master (securities, universes, company figures).
 */
@Configuration(proxyBeanMethods = false)
class BundledDataConfiguration {

    @Bean
    DemoDataset demoDataset(ResourceLoader resourceLoader, DemoDataProperties properties) {
        return DemoDatasetLoader.load(resourceLoader, properties.location());
    }

    /** Dated fundamentals (small: ~20k rows); the demo provider serves them, live providers ignore them. */
    @Bean
    BundledFundamentals bundledFundamentals(ResourceLoader resourceLoader, DemoDataProperties properties) {
        return BundledFundamentals.load(resourceLoader, properties.location());
    }

    @Bean
    SecurityMaster securityMaster(DemoDataset dataset) {
        return new BundledSecurityMaster(dataset);
    }
}
