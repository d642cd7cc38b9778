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
     * and {@code perDay} a day. Two independent bounds hold on the shared (Redis) schedule of permit slots,
     * each on its own enough: slots are spaced at least {@code 1/perSecond} apart (GCRA, no burst), and a
     * slot is only given if fewer than {@code budgetPerSecond} slots lie in the {@link #window() window}
     * (1 s + {@code guard}) before it (a sliding log). So any window of length 1 s + {@code guard} holds at
     * most {@code budgetPerSecond} slots ({@code perSecond x (1 s + guard) <= budgetPerSecond} is checked
     * here, so spacing alone gives it too). A caller sends at or after its slot and at most
     * {@code maxLateness} after it, or drops the permit and asks again: requests leave in any 1-s window only
     * from slots in a (1 s + maxLateness) span, hence at most {@code budgetPerSecond}; {@code guard - maxLateness}
     * is what is left for the network's delay to vary by before they reach DART.
     * {@code instances} sizes each instance's share while Redis is down: {@code budgetPerSecond / instances}
     * (rounded down) per window, {@code perDay / instances} a day.
     */
    record Limits(@DefaultValue("9.6") double perSecond, @DefaultValue("10000") int perDay,
                  @DefaultValue("2") int instances, @DefaultValue("10") int budgetPerSecond,
                  @DefaultValue("40ms") Duration guard, @DefaultValue("20ms") Duration maxLateness,
                  @DefaultValue("stockradar:dart:limit") String keyPrefix) {

        Limits {
            if (perSecond <= 0 || instances < 1 || budgetPerSecond < instances || guard == null || guard.isNegative()
                    || maxLateness == null || maxLateness.isNegative() || maxLateness.compareTo(guard) >= 0) {
                throw new IllegalArgumentException("DART limits: need per-second > 0, 1 <= instances (" + instances
                        + ") <= budget-per-second (" + budgetPerSecond + ") and 0 <= max-lateness (" + maxLateness
                        + ") < guard (" + guard + ")");
            }
            long intervalMicros = (long) Math.ceil(1_000_000 / perSecond);
            long windowMicros = 1_000_000 + guard.toNanos() / 1000;
            // slots spaced intervalMicros apart: a half-open window of windowMicros holds ceil(window / interval)
            if ((windowMicros + intervalMicros - 1) / intervalMicros > budgetPerSecond) {
                throw new IllegalArgumentException("DART limits: per-second " + perSecond + " x (1 s + guard "
                        + guard + ") must not exceed the budget of " + budgetPerSecond + " requests per second");
            }
        }

        /** Slots are at least this far apart (µs, rounded up). */
        long intervalMicros() {
            return (long) Math.ceil(1_000_000 / perSecond);
        }

        /** At most {@code budgetPerSecond} slots in any window this long: 1 s + {@code guard}. */
        Duration window() {
            return Duration.ofSeconds(1).plus(guard);
        }

        /** Slot spacing of one instance's local share while Redis is down (≥ window / (budget / instances)). */
        Duration localInterval() {
            long perWindow = budgetPerSecond / instances;
            long byBudget = (window().toNanos() + perWindow - 1) / perWindow;
            long byRate = (long) Math.ceil(1_000_000_000L * instances / perSecond);
            return Duration.ofNanos(Math.max(byBudget, byRate));
        }
    }
}
