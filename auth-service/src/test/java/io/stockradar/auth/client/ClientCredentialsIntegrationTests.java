package io.stockradar.auth.client;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** POST /oauth2/token with the client credentials grant, for a client configured by its secret's hash. */
class ClientCredentialsIntegrationTests extends AuthServiceIntegrationTest {

    @Test
    void aValidClientGetsAFiveMinuteServiceTokenThatValidatesAgainstTheJwks() throws Exception {
        AuthApi.Response response = token(basic(CLIENT_ID, CLIENT_SECRET), "grant_type=client_credentials");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Cache-Control")).contains("no-store");
        JsonNode body = response.json();
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(300);
        assertThat(body.get("scope").asString()).isEqualTo("market:read history:write");

        SignedJWT jwt = SignedJWT.parse(body.get("access_token").asString());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        RSAKey key = (RSAKey) JWKSet.parse(api().get("/.well-known/jwks.json").body()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo(CLIENT_ID);
        assertThat(claims.getAudience()).containsExactly("stockradar-internal");
        assertThat(claims.getStringClaim("scope")).isEqualTo("market:read history:write");
        assertThat(claims.getClaim("roles")).as("no roles").isNull();
        assertThat(claims.getClaim("preferred_username")).isNull();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aClientMayAskForFewerScopesButNotOthers() throws Exception {
        AuthApi.Response narrower = token(basic(CLIENT_ID, CLIENT_SECRET), "grant_type=client_credentials&scope=market%3Aread");

        assertThat(narrower.status()).isEqualTo(200);
        assertThat(narrower.json().get("scope").asString()).isEqualTo("market:read");
        assertThat(SignedJWT.parse(narrower.json().get("access_token").asString()).getJWTClaimsSet()
                .getStringClaim("scope")).isEqualTo("market:read");

        AuthApi.Response other = token(basic(CLIENT_ID, CLIENT_SECRET), "grant_type=client_credentials&scope=admin");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void aWrongSecretAnUnknownClientOrNoAuthenticationIsInvalidClient() {
        AuthApi.Response wrongSecret = token(basic(CLIENT_ID, CLIENT_SECRET + "x"), "grant_type=client_credentials");
        AuthApi.Response unknown = token(basic("no-such-client", CLIENT_SECRET), "grant_type=client_credentials");
        AuthApi.Response anonymous = token(null, "grant_type=client_credentials");

        for (AuthApi.Response response : new AuthApi.Response[] {wrongSecret, unknown, anonymous}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("error").asString()).isEqualTo("invalid_client");
            assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
            assertThat(response.body()).doesNotContain("access_token");
        }
        assertThat(unknown.body()).isEqualTo(wrongSecret.body());
    }

    @Test
    void otherGrantTypesAreUnsupported() {
        AuthApi.Response password = token(basic(CLIENT_ID, CLIENT_SECRET), "grant_type=password&username=a&password=b");
        AuthApi.Response missing = token(basic(CLIENT_ID, CLIENT_SECRET), "scope=market%3Aread");

        assertThat(password.status()).isEqualTo(400);
        assertThat(password.json().get("error").asString()).isEqualTo("unsupported_grant_type");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asString()).isEqualTo("invalid_request");
    }

    @Test
    void serviceTokensAreNotUserTokensAndUserTokensAreNotServiceTokens() throws Exception {
        String serviceToken = token(basic(CLIENT_ID, CLIENT_SECRET), "grant_type=client_credentials")
                .json().get("access_token").asString();

        assertThat(api().get("/api/auth/me", serviceToken).status()).as("the public API refuses aud=stockradar-internal")
                .isEqualTo(401);

        String name = uniqueName("svc");
        api().signup(name, name + "@example.com", "lunar-pepper-garden-77");
        String userToken = api().login(name, "lunar-pepper-garden-77").json().get("accessToken").asString();
        assertThat(SignedJWT.parse(userToken).getJWTClaimsSet().getAudience()).containsExactly("stockradar-api")
                .doesNotContain("stockradar-internal");
    }

    @Test
    void theDiscoveryDocumentNamesTheTokenEndpoint() {
        JsonNode document = api().get("/.well-known/openid-configuration").json();

        assertThat(document.get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(document.get("grant_types_supported").toString()).isEqualTo("[\"client_credentials\"]");
        assertThat(document.get("token_endpoint_auth_methods_supported").toString()).contains("client_secret_basic");
    }

    private AuthApi.Response token(String authorization, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api().uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api().send(request);
    }

    private static String basic(String id, String secret) {
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
