package io.stockradar.gateway.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stockradar.common.problem.ProblemCode;
import io.stockradar.gateway.error.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class ApiKeyWebFilterTest {

    private final ProblemWriter problems = mock(ProblemWriter.class);
    private final AtomicReference<ServerWebExchange> passedOn = new AtomicReference<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void withoutAClientSecretAKeyIs401SayingApiKeysAreNotConfigured() {
        when(problems.write(any(), any(HttpStatus.class), any(ProblemCode.class), any(String.class))).thenReturn(Mono.empty());
        ApiKeyWebFilter filter = filter(properties(null));

        filter.filter(exchange("/api/history", "sr_some_key"), e -> pass(e)).block();

        assertThat(passedOn.get()).as("no service is called").isNull();
        verify(problems).write(any(), eq(HttpStatus.UNAUTHORIZED), eq(ProblemCode.UNAUTHORIZED),
                eq("API keys are not configured on this gateway; use an access token"));
        assertThat(meters.counter("stockradar.gateway.api.key.requests", "outcome", "disabled").count()).isEqualTo(1);
    }

    @Test
    void outsideTheApiTheKeyIsOnlyRemoved() {
        ApiKeyWebFilter filter = filter(properties(null));

        filter.filter(exchange("/swagger-ui.html", "sr_some_key"), e -> pass(e)).block();

        assertThat(passedOn.get().getRequest().getHeaders().containsHeader(ApiKeyWebFilter.HEADER)).isFalse();
        verifyNoInteractions(problems);
    }

    @Test
    void aCachedTokenIsKeptAtMostTheCacheTtlAndNeverUntilItsExpiry() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        ApiKeyExchanger exchanger = new ApiKeyExchanger(WebClient.create(), new ServiceTokenClient(WebClient.create(),
                properties("secret")), properties("secret"), Clock.fixed(now, ZoneOffset.UTC));

        assertThat(exchanger.cacheLifetime(new ApiKeyExchanger.ExchangedKey("t", false, now.plus(Duration.ofMinutes(5)))))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(exchanger.cacheLifetime(new ApiKeyExchanger.ExchangedKey("t", false, now.plusSeconds(90))))
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(exchanger.cacheLifetime(new ApiKeyExchanger.ExchangedKey("t", false, now.plusSeconds(10))))
                .isZero();
    }

    /**
     * A cached token refused downstream (its owner was locked since the exchange) is dropped as the 401 is committed,
     * not once the request has completed: by then the client may have sent its next request with the same key.
     */
    @Test
    void aTokenRefusedDownstreamIsForgottenBeforeTheRefusalIsSent() {
        ApiKeyExchanger exchanger = exchangerWithACachedToken();
        AtomicBoolean forgottenWhenCommitted = new AtomicBoolean();
        ApiKeyWebFilter filter = new ApiKeyWebFilter(exchanger, properties("secret"), problems, meters);

        filter.filter(exchange("/api/history", "sr_some_key"), refused -> {
            refused.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
            return refused.getResponse().setComplete().then(Mono.fromRunnable(() -> forgottenWhenCommitted.set(
                    mockingDetails(exchanger).getInvocations().stream()
                            .anyMatch(call -> call.getMethod().getName().equals("forget")))));
        }).block();

        assertThat(forgottenWhenCommitted).as("forgotten before the 401 left").isTrue();
        verify(exchanger).forget("sr_some_key");
    }

    @Test
    void aTokenAcceptedDownstreamStaysCached() {
        ApiKeyExchanger exchanger = exchangerWithACachedToken();
        ApiKeyWebFilter filter = new ApiKeyWebFilter(exchanger, properties("secret"), problems, meters);

        filter.filter(exchange("/api/history", "sr_some_key"), accepted -> {
            accepted.getResponse().setStatusCode(HttpStatus.OK);
            return accepted.getResponse().setComplete();
        }).block();

        verify(exchanger, never()).forget(any());
    }

    private static ApiKeyExchanger exchangerWithACachedToken() {
        ApiKeyExchanger exchanger = mock(ApiKeyExchanger.class);
        when(exchanger.exchange("sr_some_key")).thenReturn(Mono.just(
                new ApiKeyExchanger.ExchangedKey("token", false, Instant.now().plusSeconds(300))));
        return exchanger;
    }

    private Mono<Void> pass(ServerWebExchange exchange) {
        passedOn.set(exchange);
        return Mono.empty();
    }

    private ApiKeyWebFilter filter(ApiKeyProperties properties) {
        ApiKeyExchanger exchanger = new ApiKeyExchanger(WebClient.create("http://localhost:1"),
                new ServiceTokenClient(WebClient.create("http://localhost:1"), properties), properties, Clock.systemUTC());
        return new ApiKeyWebFilter(exchanger, properties, problems, meters);
    }

    private static ApiKeyProperties properties(String secret) {
        return new ApiKeyProperties("gateway", secret, "auth-service", Duration.ofSeconds(1), Duration.ofMinutes(2),
                Duration.ofSeconds(30), 100);
    }

    private static MockServerWebExchange exchange(String path, String key) {
        return MockServerWebExchange.from(MockServerHttpRequest.get(path).header(ApiKeyWebFilter.HEADER, key));
    }
}
