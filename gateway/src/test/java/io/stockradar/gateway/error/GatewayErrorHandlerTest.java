package io.stockradar.gateway.error;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.support.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayErrorHandlerTest {

    @Test
    void noLiveInstanceIs503Unavailable() {
        var problem = GatewayErrorHandler.classify(NotFoundException.create(false, "Unable to find instance for x"));
        assertThat(problem.status().value()).isEqualTo(503);
        assertThat(problem.code()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void refusedOrTimedOutConnectionIs503Unavailable() {
        assertThat(GatewayErrorHandler.classify(new ConnectException("refused")).code()).isEqualTo("UNAVAILABLE");
        assertThat(GatewayErrorHandler.classify(new ConnectTimeoutException("slow")).code()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void unobtainableSigningKeysAre503NotAnAuthenticationFailure() {
        var problem = GatewayErrorHandler.classify(
                new org.springframework.security.authentication.AuthenticationServiceException("JWKS down"));
        assertThat(problem.status().value()).isEqualTo(503);
        assertThat(problem.code()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void upstreamTimeoutIs504() {
        var problem = GatewayErrorHandler.classify(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "late"));
        assertThat(problem.status().value()).isEqualTo(504);
        assertThat(problem.code()).isEqualTo("GATEWAY_TIMEOUT");
    }

    @Test
    void brokenUpstreamConnectionIs502() {
        var problem = GatewayErrorHandler.classify(new RuntimeException(PrematureCloseException.TEST_EXCEPTION));
        assertThat(problem.status().value()).isEqualTo(502);
        assertThat(problem.code()).isEqualTo("BAD_GATEWAY");
    }

    @Test
    void anythingElseIs500WithoutDetailsOfTheCause() {
        var problem = GatewayErrorHandler.classify(new IllegalStateException("secret internals"));
        assertThat(problem.status().value()).isEqualTo(500);
        assertThat(problem.detail()).doesNotContain("secret");
    }
}
