package io.stockradar.marketdata;

import io.stockradar.marketdata.upstream.UpstreamStub;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The service as deployed live: {@code MARKET_DATA_PROVIDER=yahoo} and {@code DART_ENABLED=true}, against two
 * local stubs replaying real recordings (one Spring context for every subclass: they share the stubs; each
 * test sets the routes it needs). Short deadlines and backoffs keep failure tests fast.
 */
@TestPropertySource(properties = {
        "stockradar.market-data.provider=yahoo",
        "stockradar.yahoo.deadline=1s",
        "stockradar.yahoo.retry.initial=10ms",
        "stockradar.yahoo.retry.max=40ms",
        "stockradar.yahoo.retry.max-attempts=2",
        "stockradar.yahoo.circuit-breaker.wait-in-open=500ms",
        "stockradar.dart.enabled=true",
        "stockradar.dart.api-key=0123456789abcdef0123456789abcdef01234567",
        "stockradar.dart.deadline=2s",
        "stockradar.dart.retry.initial=20ms",
        "stockradar.dart.retry.max=50ms"})
public abstract class LiveProvidersTestSupport extends IntegrationTestSupport {

    protected static final UpstreamStub YAHOO = new UpstreamStub();
    protected static final UpstreamStub DART = new UpstreamStub();

    @DynamicPropertySource
    static void stubs(DynamicPropertyRegistry registry) {
        registry.add("stockradar.yahoo.base-url", YAHOO::baseUrl);
        registry.add("stockradar.yahoo.cookie-url", () -> YAHOO.url("/fc"));
        registry.add("stockradar.dart.base-url", DART::baseUrl);
    }
}
