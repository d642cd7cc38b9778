package io.stockradar.gateway.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenConverterTest {

    private final BearerTokenConverter converter = new BearerTokenConverter();
    private final ServerBearerTokenAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

    @Test
    void thePlainShapeIsReadWithoutSpringsParser() {
        MockServerHttpRequest request = MockServerHttpRequest.get("/api/market/quote/AAPL")
                .header(HttpHeaders.AUTHORIZATION, "Bearer eyJh.eyJz.c2ln-_~+/==").build();

        assertThat(BearerTokenConverter.plainBearerToken(request)).isEqualTo("eyJh.eyJz.c2ln-_~+/==");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER abc", "Bearer abc==", "Bearer abc=", "Bearer ",
            "Bearer", "Bearer  abc", "Bearer abc def", "Bearer abc=def", "Bearer ==", "Bearer a\u00e9b",
            "Bearer abc;", "Basic dXNlcjpwYXNz", "Bearerabc", "Bearer abc\t", "Token abc", ""})
    void everyHeaderGetsSpringsAnswer(String authorization) {
        assertSameAnswer(MockServerHttpRequest.get("/api/history").header(HttpHeaders.AUTHORIZATION, authorization).build());
    }

    @Test
    void noHeaderAndQueryTokensGetSpringsAnswer() {
        assertSameAnswer(MockServerHttpRequest.get("/api/history").build());
        assertSameAnswer(MockServerHttpRequest.get("/api/history?access_token=abc")
                .header(HttpHeaders.AUTHORIZATION, "Bearer abc").build());
        assertSameAnswer(MockServerHttpRequest.get("/api/history?access_token=abc").build());
    }

    private void assertSameAnswer(MockServerHttpRequest request) {
        Object ours = answer(converter, request);
        Object theirs = answer(spring, request);
        assertThat(ours).as(String.valueOf(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))).isEqualTo(theirs);
    }

    private static Object answer(org.springframework.security.web.server.authentication.ServerAuthenticationConverter converter,
            MockServerHttpRequest request) {
        try {
            Authentication authentication = converter.convert(MockServerWebExchange.from(request)).block();
            return authentication == null ? "none" : "token:" + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (RuntimeException e) {
            return "error:" + e.getClass().getSimpleName() + ":" + e.getMessage();
        }
    }
}
