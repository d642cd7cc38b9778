package io.stockradar.marketdata.yahoo;

import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.marketdata.provider.SecurityMaster;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;

/** The real yahoo provider against a stub, for tests of other packages. */
public final class YahooTestProviders {

    private YahooTestProviders() {
    }

    public static MarketDataProvider yahoo(String stubBaseUrl, SecurityMaster master) {
        YahooProperties properties = YahooClientTest.properties(stubBaseUrl, 4, Duration.ofSeconds(5));
        YahooClient client = YahooProviderConfiguration.client(properties, JsonMapper.builder().build(),
                Clock.systemUTC());
        return new YahooMarketDataProvider(client, master, properties, Clock.systemUTC());
    }
}
