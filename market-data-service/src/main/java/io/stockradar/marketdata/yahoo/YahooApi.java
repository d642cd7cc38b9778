package io.stockradar.marketdata.yahoo;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import java.net.URI;

/**
 * Yahoo Finance's unofficial endpoints as an HTTP interface. Every method returns the raw status and body:
 * Yahoo puts its errors in a JSON envelope of every status, which {@link YahooClient} reads.
 * Path variables and parameters are encoded strictly ({@code ^KS11} → {@code %5EKS11}, {@code ,} → {@code %2C}).
 */
@HttpExchange(accept = "application/json")
interface YahooApi {

    @GetExchange("/v8/finance/chart/{symbol}")
    ResponseEntity<String> chart(@PathVariable String symbol, @RequestParam String range,
                                 @RequestParam String interval, @RequestParam String events,
                                 @RequestParam boolean includeAdjustedClose);

    @GetExchange("/v7/finance/quote")
    ResponseEntity<String> quote(@RequestParam String symbols, @RequestParam String crumb,
                                 @RequestHeader("Cookie") String cookie);

    @GetExchange("/v1/finance/search")
    ResponseEntity<String> search(@RequestParam String q, @RequestParam int quotesCount, @RequestParam int newsCount);

    @GetExchange(url = "/v1/test/getcrumb", accept = "*/*")
    ResponseEntity<String> crumb(@RequestHeader("Cookie") String cookie);

    /** {@code fc.yahoo.com}: only its Set-Cookie matters (status and body are ignored, as yfinance does). */
    @GetExchange(accept = "*/*")
    ResponseEntity<String> cookie(URI cookieUrl);
}
