package io.stockradar.auth.client;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Services allowed to get tokens with the client credentials grant: {@code stockradar.clients.<id>.secret-hash}
 * (an Argon2id or BCrypt hash; never the secret) and {@code .scopes}. E.g. through the environment:
 * {@code STOCKRADAR_CLIENTS_AGENTSERVICE_SECRETHASH} or, with dashes kept, a mounted secret file named
 * {@code stockradar.clients.agent-service.secret-hash} (configtree). Scope names: {@code [a-z:._-]+}.
 */
@ConfigurationProperties("stockradar")
record ServiceClientProperties(@DefaultValue Map<String, Client> clients) {

    private static final Pattern SCOPE = Pattern.compile("[a-z][a-z0-9:._-]*");

    ServiceClientProperties {
        clients = Map.copyOf(clients);
        clients.forEach((id, client) -> {
            if (client.secretHash() == null || !SecretHashes.isSupported(client.secretHash())) {
                throw new IllegalArgumentException("stockradar.clients." + id + ".secret-hash must be an Argon2id ($argon2id$...) "
                        + "or BCrypt ($2a$/$2b$/$2y$...) hash of the client secret, never the secret itself");
            }
            client.scopes().forEach(scope -> {
                if (!SCOPE.matcher(scope).matches()) {
                    throw new IllegalArgumentException("stockradar.clients." + id + ".scopes: invalid scope '" + scope + "'");
                }
            });
        });
    }

    /**
     * @param secretHash hash of the client secret
     * @param scopes     scopes the client may ask for (all of them when it asks for none)
     */
    record Client(String secretHash, @DefaultValue List<String> scopes) {

        Client {
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Client[scopes=" + scopes + ", secretHash=<hash>]";
        }
    }
}
