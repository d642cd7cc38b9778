package io.stockradar.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Which market data the local stack serves. {@code auto} (the default of {@code ./stack.sh}) asks Yahoo
 * Finance's chart API for one symbol with a short timeout: live data when it answers, the bundled demo
 * dataset when it does not (offline machines, firewalls, Yahoo blocking the address), and says which on
 * start-up. {@code demo} and {@code yahoo} are taken as given.
 */
final class MarketDataProviderChoice {

    private static final Logger log = LoggerFactory.getLogger(MarketDataProviderChoice.class);
    static final URI PROBE = URI.create("https://query1.finance.yahoo.com/v8/finance/chart/AAPL?range=5d&interval=1d");
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private MarketDataProviderChoice() {
    }

    static String choose(String requested) {
        if (!"auto".equals(requested)) {
            log.info("Market data: {} (as configured)", requested);
            return requested;
        }
        String unreachable = probe(PROBE);
        if (unreachable == null) {
            log.info("Market data: live Yahoo Finance (it answered {}); set MARKET_DATA_PROVIDER=demo for the bundled data",
                    PROBE.getHost());
            return "yahoo";
        }
        log.warn("Market data: Yahoo Finance is unreachable from this machine ({}): serving the bundled demo dataset "
                + "(every response says \"source\":\"demo\")", unreachable);
        return "demo";
    }

    /** {@code null} when the probe got a 200, else why not. */
    static String probe(URI uri) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try (client) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("User-Agent", "Mozilla/5.0 (stock-radar local-stack)").GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
