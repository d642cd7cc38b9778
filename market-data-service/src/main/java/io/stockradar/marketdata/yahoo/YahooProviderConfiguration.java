package io.stockradar.marketdata.yahoo;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.stockradar.marketdata.provider.SecurityMaster;
import io.stockradar.marketdata.provider.UpstreamUnavailableException;
import io.stockradar.marketdata.upstream.UpstreamHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** Active when {@code stockradar.market-data.provider=yahoo} ({@code MARKET_DATA_PROVIDER=yahoo}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "stockradar.market-data", name = "provider", havingValue = "yahoo")
class YahooProviderConfiguration {

    private static final Logger log = LoggerFactory.getLogger(YahooProviderConfiguration.class);

    @Bean
    YahooClient yahooClient(YahooProperties properties, JsonMapper jsonMapper) {
        return client(properties, jsonMapper, Clock.systemUTC());
    }

    /** The client with its own RestClient (timeouts, no redirects, browser-like User-Agent) and circuit breaker. */
    static YahooClient client(YahooProperties properties, JsonMapper jsonMapper, Clock clock) {
        RestClient restClient = RestClient.builder()
                .baseUrl(properties.baseUrl().toString())
                .requestFactory(UpstreamHttp.requestFactory(properties.connectTimeout(), properties.readTimeout()))
                .defaultHeader(HttpHeaders.USER_AGENT, properties.userAgent())
                // Yahoo's errors are JSON envelopes of any status: YahooClient reads status and body itself.
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        YahooApi api = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient)).build()
                .createClient(YahooApi.class);
        return new YahooClient(api, jsonMapper, properties, circuitBreaker(properties.circuitBreaker()), clock);
    }

    @Bean
    YahooMarketDataProvider yahooMarketDataProvider(YahooClient client, SecurityMaster master,
                                                    YahooProperties properties) {
        log.info("Market data provider: yahoo ({}; security master {}); every response says source=yahoo",
                properties.baseUrl(), master.version());
        return new YahooMarketDataProvider(client, master, properties, Clock.systemUTC());
    }

    @Bean
    YahooSymbolSearch yahooSymbolSearch(YahooClient client) {
        return new YahooSymbolSearch(client);
    }

    @Bean
    YahooHealthIndicator marketDataHealthIndicator(YahooClient client, SecurityMaster master,
                                                   YahooProperties properties) {
        return new YahooHealthIndicator(client, master, properties);
    }

    static CircuitBreaker circuitBreaker(YahooProperties.CircuitBreaker settings) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .slowCallDurationThreshold(settings.slowCall())
                .slowCallRateThreshold(settings.slowCallRatePercent())
                .waitDurationInOpenState(settings.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // Only "Yahoo cannot answer" counts; "no such symbol", a rejected request or our own
                // saturation are answers, not upstream failures.
                .recordException(e -> e instanceof UpstreamUnavailableException
                        && !(e instanceof YahooClient.Saturated))
                .build();
        return CircuitBreaker.of("yahoo", config);
    }
}
