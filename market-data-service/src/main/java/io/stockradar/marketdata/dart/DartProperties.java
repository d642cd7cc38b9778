package io.stockradar.marketdata.dart;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * OpenDART ({@code stockradar.dart.*}).
 *
 * @param enabled          live DART ({@code DART_ENABLED=true}); off: disclosures come from the recorded responses
 * @param apiKey           {@code DART_API_KEY}, the 40-character crtfc_key; never in the repository
 * @param readTimeout      also bounds the corpCode.xml ZIP download (~1.6 MB)
 * @param deadline         how long one call may take in total, waiting for the limiter and backoff included
 * @param disclosureWindow how far back the disclosure list goes (the fundamental agent looks at 90 days)
 * @param corpCodesTtl     how long the downloaded corpCode.xml mapping is used before it is fetched again
 * @param disclosureCacheTtl how long one company's filing list is served from memory
 */
@ConfigurationProperties("stockradar.dart")
record DartProperties(@DefaultValue("false") boolean enabled,
                      @DefaultValue("https://opendart.fss.or.kr") URI baseUrl,
                      @DefaultValue("") String apiKey,
                      @DefaultValue("2s") Duration connectTimeout,
                      @DefaultValue("15s") Duration readTimeout,
                      @DefaultValue("8s") Duration deadline,
                      @DefaultValue("90d") Duration disclosureWindow,
                      @DefaultValue("1d") Duration corpCodesTtl,
                      @DefaultValue("15m") Duration disclosureCacheTtl,
                      @DefaultValue Retry retry,
                      @DefaultValue Limits limits) {

    /** Backoff after status 020 (limit exceeded), 800 (maintenance), 5xx and I/O errors. */
    record Retry(@DefaultValue("1s") Duration initial, @DefaultValue("5s") Duration max,
                 @DefaultValue("2.0") double multiplier, @DefaultValue("0.5") double jitter,
                 @DefaultValue("4") int maxAttempts) {
    }

    /**
     * The budget across ALL instances: at most {@code budgetPerSecond} requests reach DART in any 1-s window
     * and {@code perDay} a day. Permits are spaced evenly at {@code perSecond} (Redis, shared); each instance
     * has at most {@code maxInFlight} DART requests open and takes a permit only once it may send. A request
     * reaches DART at or after its permit, so a window holds the permits issued in it plus at most one late
     * request per open slot: {@code perSecond + instances * maxInFlight <= budgetPerSecond} is checked here.
     * {@code instances} also sizes each instance's share while Redis is down.
     */
    record Limits(@DefaultValue("8") double perSecond, @DefaultValue("10000") int perDay,
                  @DefaultValue("2") int instances, @DefaultValue("1") int maxInFlight,
                  @DefaultValue("10") int budgetPerSecond, @DefaultValue("stockradar:dart:limit") String keyPrefix) {

        Limits {
            if (perSecond <= 0 || instances < 1 || maxInFlight < 1
                    || Math.ceil(perSecond) + (double) instances * maxInFlight > budgetPerSecond) {
                throw new IllegalArgumentException("DART limits: per-second " + perSecond + " + instances " + instances
                        + " x max-in-flight " + maxInFlight + " must not exceed the budget of " + budgetPerSecond
                        + " requests per second");
            }
        }
    }
}
