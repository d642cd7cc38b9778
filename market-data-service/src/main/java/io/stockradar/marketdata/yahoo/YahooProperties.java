package io.stockradar.marketdata.yahoo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The Yahoo Finance client ({@code stockradar.yahoo.*}).
 *
 * @param baseUrl         chart, quote, search and getcrumb ({@code https://query2.finance.yahoo.com})
 * @param cookieUrl       where the session cookie comes from ({@code https://fc.yahoo.com})
 * @param userAgent       Yahoo answers 429 to clients without a browser-like User-Agent
 * @param deadline        how long one provider call may take in total, waits for a permit and backoff included
 * @param maxConcurrent   upstream requests in flight per instance (node-yahoo-finance2 uses 4)
 * @param dailyRange      the chart {@code range} a daily series is fetched with
 * @param quoteBatchSize  symbols per {@code /v7/finance/quote} call
 */
@ConfigurationProperties("stockradar.yahoo")
record YahooProperties(@DefaultValue("https://query2.finance.yahoo.com") URI baseUrl,
                       @DefaultValue("https://fc.yahoo.com") URI cookieUrl,
                       @DefaultValue("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36") String userAgent,
                       @DefaultValue("2s") Duration connectTimeout,
                       @DefaultValue("5s") Duration readTimeout,
                       @DefaultValue("8s") Duration deadline,
                       @DefaultValue("4") int maxConcurrent,
                       @DefaultValue("10y") String dailyRange,
                       @DefaultValue("50") int quoteBatchSize,
                       @DefaultValue Retry retry,
                       @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * Backoff on 429, 5xx and I/O errors: {@code initial * multiplier^n} capped at {@code max}, ± {@code jitter},
     * at most {@code maxAttempts} calls and never past the deadline.
     */
    record Retry(@DefaultValue("500ms") Duration initial, @DefaultValue("4s") Duration max,
                 @DefaultValue("2.0") double multiplier, @DefaultValue("0.5") double jitter,
                 @DefaultValue("4") int maxAttempts) {
    }

    /**
     * Deliberately small and quick (Resilience4j's defaults - 100 calls, 60 s open - would never open in
     * time for this traffic): opens when half of the last {@code slidingWindow} calls (at least
     * {@code minimumCalls}) failed or were slower than {@code slowCall}, stays open {@code waitInOpen}, then
     * lets {@code halfOpenCalls} probes through.
     */
    record CircuitBreaker(@DefaultValue("10") int slidingWindow, @DefaultValue("5") int minimumCalls,
                          @DefaultValue("50") float failureRatePercent, @DefaultValue("6s") Duration slowCall,
                          @DefaultValue("80") float slowCallRatePercent, @DefaultValue("15s") Duration waitInOpen,
                          @DefaultValue("2") int halfOpenCalls) {
    }
}
