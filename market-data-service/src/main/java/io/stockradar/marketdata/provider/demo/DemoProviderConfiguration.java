package io.stockradar.marketdata.provider.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Active when {@code stockradar.market-data.provider=demo} (the default); {@code yahoo} selects the live provider. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "stockradar.market-data", name = "provider", havingValue = "demo", matchIfMissing = true)
class DemoProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DemoProviderConfiguration.class);

    @Bean
    DemoMarketDataProvider demoMarketDataProvider(DemoDataset dataset) {
        log.info("Market data provider: demo (dataset {}, asOf {}); every response says source=demo",
                dataset.version(), dataset.asOf());
        return new DemoMarketDataProvider(dataset);
    }

    @Bean
    DemoDatasetHealthIndicator marketDataHealthIndicator(DemoDataset dataset) {
        return new DemoDatasetHealthIndicator(dataset);
    }
}
