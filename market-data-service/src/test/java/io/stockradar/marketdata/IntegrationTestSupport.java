package io.stockradar.marketdata;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.stockradar.common.security.StockRadarJwt;
import io.stockradar.marketdata.provider.MarketDataProvider;
import io.stockradar.testsupport.SharedInfrastructure;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * One Spring context for all integration tests: real Redis from test-support, the bundled dataset, and
 * JWTs signed by a test RSA key whose JWKS a local MockWebServer serves (the production JwtDecoder
 * fetches it, and checks issuer and audience as it would against auth-service). {@link #authenticated} sends a
 * user token ({@code /api/**}), {@link #asService} a service token with {@code market:read} ({@code /internal/**}).
 */
@SpringBootTest(properties = "stockradar.cache.retry-after=200ms")
@AutoConfigureMockMvc
public abstract class IntegrationTestSupport {

    protected static final String ISSUER = "http://issuer.test";
    private static final RSAKey KEY = rsaKey();
    private static final MockWebServer JWKS = jwksServer();

    @MockitoSpyBean
    protected MarketDataProvider provider;

    @Autowired
    protected MockMvc mvc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SharedInfrastructure.redis().register(registry);
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> JWKS.url("/.well-known/jwks.json").toString());
        registry.add("stockradar.security.jwt.issuer", () -> ISSUER);
    }

    /** A valid access token of a USER. */
    protected static String token() {
        return token(ISSUER, StockRadarJwt.AUDIENCE, Instant.now().plusSeconds(300));
    }

    protected static String token(String issuer, String audience, Instant expiresAt) {
        return sign(new JWTClaimsSet.Builder().issuer(issuer).audience(List.of(audience))
                .subject(UUID.randomUUID().toString()).claim(StockRadarJwt.CLAIM_ROLES, List.of("USER"))
                .issueTime(Date.from(Instant.now().minusSeconds(5))).expirationTime(Date.from(expiresAt))
                .build());
    }

    /** A token as the gateway gets it for an API key with {@code scope} (read or full). */
    protected static String apiKeyToken(String scope) {
        return sign(new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(StockRadarJwt.AUDIENCE))
                .subject(UUID.randomUUID().toString()).claim(StockRadarJwt.CLAIM_ROLES, List.of("USER"))
                .claim(StockRadarJwt.CLAIM_AUTH_METHOD, StockRadarJwt.AUTH_METHOD_API_KEY)
                .claim(StockRadarJwt.CLAIM_SCOPE, scope)
                .issueTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
    }

    /** A service (client-credentials) token as auth-service issues it to agent-service: scope {@code market:read}. */
    protected static String serviceToken() {
        return serviceToken(StockRadarJwt.INTERNAL_AUDIENCE, "market:read");
    }

    /** A service token of client {@code agent-service} with the given audience and space-separated scopes. */
    protected static String serviceToken(String audience, String scope) {
        return sign(new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of(audience)).subject("agent-service")
                .claim(StockRadarJwt.CLAIM_SCOPE, scope)
                .issueTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
    }

    private static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static <T extends MockHttpServletRequestBuilder> T authenticated(T request) {
        request.header("Authorization", "Bearer " + token());
        return request;
    }

    /** A call to {@code /internal/**} as agent-service makes it: with a service token carrying {@code market:read}. */
    protected static <T extends MockHttpServletRequestBuilder> T asService(T request) {
        request.header("Authorization", "Bearer " + serviceToken());
        return request;
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MockWebServer jwksServer() {
        MockWebServer server = new MockWebServer();
        String body = new JWKSet(KEY.toPublicJWK()).toString();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return "/.well-known/jwks.json".equals(request.getPath())
                        ? new MockResponse().setHeader("Content-Type", "application/json").setBody(body)
                        : new MockResponse().setResponseCode(404);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }
}
