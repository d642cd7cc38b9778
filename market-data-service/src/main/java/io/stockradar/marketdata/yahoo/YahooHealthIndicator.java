package io.stockradar.marketdata.yahoo;

import io.stockradar.marketdata.provider.SecurityMaster;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code marketData} in /actuator/health with the yahoo provider. Stays UP while Yahoo fails (the circuit
 * state says so): every instance shares the same upstream, so taking instances out of rotation would only
 * lose the stale answers they can still give.
 */
class YahooHealthIndicator implements HealthIndicator {

    private final YahooClient client;
    private final SecurityMaster master;
    private final YahooProperties properties;

    YahooHealthIndicator(YahooClient client, SecurityMaster master, YahooProperties properties) {
        this.client = client;
        this.master = master;
        this.properties = properties;
    }

    @Override
    public Health health() {
        return Health.up()
                .withDetail("provider", YahooClient.SOURCE)
                .withDetail("source", YahooClient.SOURCE)
                .withDetail("baseUrl", properties.baseUrl().toString())
                .withDetail("circuitBreaker", client.circuitState().name())
                .withDetail("session", client.hasSession() ? "established" : "none yet")
                .withDetail("securityMaster", master.version())
                .withDetail("securities", master.securities().size())
                .build();
    }
}
