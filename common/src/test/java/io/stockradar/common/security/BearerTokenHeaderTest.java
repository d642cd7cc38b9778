package io.stockradar.common.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class BearerTokenHeaderTest {

    private static final List<String> HEADERS = Arrays.asList(null, "", "Bearer", "Bearer ", "Bearer  abc",
            "Bearer abc", "bearer abc", "BEARER abc", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln-_~+/",
            "Bearer abc==", "Bearer abc=d", "Bearer =", "Bearer ab c", "Bearer abc\n", "Bearer abc,def",
            "Basic dXNlcjpwYXNz", "Bearerabc", "Bearer\tabc", "Bearer äbc", "Bearer abc ", "Token abc");

    @Test
    void resolvesExactlyAsSpringSecuritysDefaultResolver() {
        DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();
        BearerTokenHeader resolver = new BearerTokenHeader();
        for (String header : HEADERS) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/market/quote/AAPL");
            if (header != null) {
                request.addHeader("Authorization", header);
            }
            Object expected = outcome(() -> reference.resolve(request));
            Object actual = outcome(() -> resolver.resolve(request));
            assertThat(actual).as("Authorization: %s", header).isEqualTo(expected);
        }
    }

    @Test
    void wellFormedHeaderIsReadWithoutTheFallback() {
        assertThat(BearerTokenHeader.wellFormedToken("Bearer a.b-c_d~e+f/g==")).isEqualTo("a.b-c_d~e+f/g==");
        assertThat(BearerTokenHeader.wellFormedToken("bEaReR abc")).isEqualTo("abc");
        assertThat(BearerTokenHeader.wellFormedToken("Bearer abc def")).isNull();
        assertThat(BearerTokenHeader.wellFormedToken("Basic abc")).isNull();
    }

    private static Object outcome(java.util.function.Supplier<String> resolve) {
        Throwable thrown = catchThrowable(resolve::get);
        if (thrown instanceof OAuth2AuthenticationException e) {
            return "error " + e.getError().getErrorCode() + ": " + e.getError().getDescription();
        }
        if (thrown != null) {
            return thrown;
        }
        return "token " + resolve.get();
    }
}
