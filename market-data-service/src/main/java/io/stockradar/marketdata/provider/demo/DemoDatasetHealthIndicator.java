package io.stockradar.marketdata.provider.demo;

import io.stockradar.marketdata.provider.Market;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code marketData} in /actuator/health: which provider, which dataset, how much of it. Part of readiness. */
class DemoDatasetHealthIndicator implements HealthIndicator {

    private final DemoDataset dataset;

    DemoDatasetHealthIndicator(DemoDataset dataset) {
        this.dataset = dataset;
    }

    @Override
    public Health health() {
        Map<String, Object> series = new LinkedHashMap<>();
        for (Market market : Market.values()) {
            series.put(market.name(), dataset.seriesCount(market));
        }
        Health.Builder health = dataset.series().isEmpty() ? Health.down() : Health.up();
        return health.withDetail("provider", DemoMarketDataProvider.SOURCE)
                .withDetail("datasetVersion", dataset.version())
                .withDetail("location", dataset.location())
                .withDetail("asOf", dataset.asOf())
                .withDetail("securities", dataset.securities().size())
                .withDetail("series", series)
                .withDetail("bars", dataset.barCount())
                .withDetail("flaggedBars", dataset.flagged())
                .withDetail("loadMillis", dataset.loadMillis())
                .build();
    }
}
