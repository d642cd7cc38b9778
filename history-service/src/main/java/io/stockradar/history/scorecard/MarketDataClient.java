package io.stockradar.history.scorecard;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * market-data-service's {@code POST /internal/bars}: daily closes of symbols and indices, oldest first.
 * Every call carries the service's client-credentials token (see {@link MarketDataAuthorization}).
 */
@Component
class MarketDataClient {

    private static final Logger log = LoggerFactory.getLogger(MarketDataClient.class);

    private final RestClient http;

    MarketDataClient(ScorecardProperties properties, AuthorizedClientServiceOAuth2AuthorizedClientManager tokens,
                     OAuth2AuthorizedClientService authorizedClients) {
        ScorecardProperties.MarketData marketData = properties.marketData();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(marketData.connectTimeout())
                .build());
        requests.setReadTimeout(marketData.readTimeout());
        this.http = RestClient.builder()
                .baseUrl(marketData.baseUrl().toString())
                .requestFactory(requests)
                .requestInterceptor(MarketDataAuthorization.interceptor(tokens, authorizedClients))
                .build();
    }

    /**
     * The trailing {@code days} bars of each symbol; symbols the service does not know are absent from
     * {@code series} (and listed in {@code missing}).
     */
    BarsResponse bars(List<String> symbols, int days) {
        try {
            return requestBars(symbols, days);
        } catch (HttpClientErrorException.Unauthorized e) {
            // the token was revoked or the signing key rotated early; the interceptor has dropped it
            log.info("market-data-service refused the service token (401); retrying once with a new token");
            return requestBars(symbols, days);
        } catch (OAuth2AuthorizationException e) {
            throw new RestClientException("Could not obtain a service token for market-data-service: "
                    + e.getError().getErrorCode(), e);
        }
    }

    private BarsResponse requestBars(List<String> symbols, int days) {
        BarsResponse response = http.post().uri("/internal/bars")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(new BarsRequest(symbols, days))
                .retrieve()
                .body(BarsResponse.class);
        if (response == null) {
            throw new IllegalStateException("market-data-service answered /internal/bars without a body");
        }
        return response;
    }

    record BarsRequest(List<String> symbols, int days) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BarsResponse(String source, Map<String, LocalDate> asOf, Map<String, Series> series, List<String> missing) {

        BarsResponse {
            series = series == null ? Map.of() : series;
            missing = missing == null ? List.of() : missing;
        }
    }

    /** One symbol's bars as columns; only the dates and closes matter here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Series(String symbol, String currency, List<LocalDate> dates, List<Double> close) {

        Series {
            dates = dates == null ? List.of() : dates;
            close = close == null ? List.of() : close;
        }
    }
}
