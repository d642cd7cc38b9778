package io.stockradar.auth.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.auth.jwt.AccessTokenIssuer;
import io.stockradar.auth.jwt.ServiceTokenIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Authenticates a service client and issues its token. Client secrets are operator-generated and long,
 * so guessing them is hopeless without throttling; every failed authentication is logged and counted.
 */
@Service
class ClientCredentialsService {

    sealed interface Result permits Issued, Refused {
    }

    record Issued(AccessTokenIssuer.AccessToken token, List<String> scopes) implements Result {
    }

    record Refused(HttpStatus status, String error, String description) implements Result {
    }

    static final String CLIENT_CREDENTIALS = "client_credentials";

    private static final Logger log = LoggerFactory.getLogger(ClientCredentialsService.class);

    private final ServiceClientProperties clients;
    private final ServiceTokenIssuer issuer;
    private final MeterRegistry meters;

    ClientCredentialsService(ServiceClientProperties clients, ServiceTokenIssuer issuer, MeterRegistry meters) {
        this.clients = clients;
        this.issuer = issuer;
        this.meters = meters;
    }

    Result token(String authorization, String grantType, String scope) {
        String[] credentials = basicCredentials(authorization);
        if (credentials == null) {
            return refused(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication (HTTP Basic) is required");
        }
        String clientId = credentials[0];
        ServiceClientProperties.Client client = clients.clients().get(clientId);
        boolean authenticated;
        if (client == null) {
            SecretHashes.matchesNothing(credentials[1]);
            authenticated = false;
        } else {
            authenticated = SecretHashes.matches(credentials[1], client.secretHash());
        }
        if (!authenticated) {
            log.warn("Client authentication failed for client id '{}'", clientId.length() > 64 ? clientId.substring(0, 64) : clientId);
            return refused(HttpStatus.UNAUTHORIZED, "invalid_client", "Client authentication failed");
        }
        if (grantType == null || grantType.isBlank()) {
            return refused(HttpStatus.BAD_REQUEST, "invalid_request", "grant_type is required");
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            return refused(HttpStatus.BAD_REQUEST, "unsupported_grant_type", "Only client_credentials is supported");
        }
        List<String> allowed = client.scopes();
        List<String> granted = allowed;
        if (scope != null && !scope.isBlank()) {
            Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.strip().split(" +")));
            if (!allowed.containsAll(requested)) {
                return refused(HttpStatus.BAD_REQUEST, "invalid_scope", "The client may not ask for: "
                        + requested.stream().filter(s -> !allowed.contains(s)).toList());
            }
            granted = List.copyOf(requested);
        }
        AccessTokenIssuer.AccessToken token = issuer.issue(clientId, granted);
        meters.counter("stockradar.auth.service.tokens", "client", clientId).increment();
        log.debug("Issued a service token to {} with scope '{}'", clientId, String.join(" ", granted));
        return new Issued(token, granted);
    }

    private Refused refused(HttpStatus status, String error, String description) {
        meters.counter("stockradar.auth.service.token.errors", "error", error).increment();
        return new Refused(status, error, description);
    }

    /** [client id, secret] from {@code Authorization: Basic ...} (both form-urlencoded, RFC 6749 2.3.1), or null. */
    static String[] basicCredentials(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return null;
        }
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
