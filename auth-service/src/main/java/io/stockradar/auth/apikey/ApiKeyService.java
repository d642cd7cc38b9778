package io.stockradar.auth.apikey;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockradar.auth.account.Account;
import io.stockradar.auth.account.AccountService;
import io.stockradar.auth.account.AccountSessionsEnded;
import io.stockradar.auth.token.SessionRevoked;
import io.stockradar.auth.jwt.AccessTokenIssuer;
import io.stockradar.common.problem.ApiProblem;
import io.stockradar.common.problem.FieldViolation;
import io.stockradar.common.security.StockRadarJwt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Creating, listing and revoking personal API keys, and exchanging a key for a short-lived access token. */
@Service
class ApiKeyService {

    static final String API_KEY_LIMIT = "API_KEY_LIMIT";
    static final String INVALID_API_KEY = "INVALID_API_KEY";
    static final int NAME_MAX = 64;
    private static final int PASSWORD_MAX = 1024;

    /** Claims that set an API key's token apart from a sign-in token. */
    static final String CLAIM_AUTH_METHOD = StockRadarJwt.CLAIM_AUTH_METHOD;
    static final String CLAIM_API_KEY_ID = "api_key_id";
    static final String AUTH_METHOD_API_KEY = StockRadarJwt.AUTH_METHOD_API_KEY;
    /** The only role a key's token carries, whatever roles its owner has: administration needs a signed-in administrator. */
    static final List<String> KEY_ROLES = List.of("USER");

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
    private static final int INSERT_ATTEMPTS = 3;

    /** A new key: the stored key and the whole key, which is shown this once. */
    record Created(ApiKey key, String secret) {

        @Override
        public String toString() {
            return "Created[key=" + key + ", secret=<secret>]";
        }
    }

    /** The token an exchanged key yields. */
    record Exchanged(AccessTokenIssuer.AccessToken token, ApiKeyScope scope) {
    }

    private final ApiKeyRepository keys;
    private final AccountService accounts;
    private final AccessTokenIssuer tokens;
    private final ApiKeyProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();
    private final Counter exchanged;
    private final Counter refused;

    private final ApplicationEventPublisher events;

    ApiKeyService(ApiKeyRepository keys, AccountService accounts, AccessTokenIssuer tokens, ApiKeyProperties properties,
            TransactionTemplate transactions, ApplicationEventPublisher events, MeterRegistry meters) {
        this.keys = keys;
        this.events = events;
        this.accounts = accounts;
        this.tokens = tokens;
        this.properties = properties;
        this.transactions = transactions;
        this.exchanged = Counter.builder("stockradar.auth.api.key.exchanges").tag("outcome", "success")
                .description("API key exchanges").register(meters);
        this.refused = Counter.builder("stockradar.auth.api.key.exchanges").tag("outcome", "refused")
                .description("API key exchanges").register(meters);
    }

    /**
     * A new key for the account, after re-authentication with its password ({@code currentPassword}; a wrong one
     * is a 403 naming the field and counts as a failed sign-in). Invalid input is a 400 naming each bad field;
     * an account that holds {@code max-per-account} keys already gets a 409 ({@value #API_KEY_LIMIT}), also under
     * concurrent creation. Nothing is stored unless every check passed.
     */
    Created create(UUID accountId, CreateApiKeyRequest request, String clientIp) {
        List<FieldViolation> errors = new ArrayList<>();
        String name = request.name() == null ? null : request.name().strip();
        if (name == null || name.isEmpty()) {
            errors.add(new FieldViolation("name", "is required"));
        } else if (name.length() > NAME_MAX) {
            errors.add(new FieldViolation("name", "must be at most " + NAME_MAX + " characters long"));
        } else if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            errors.add(new FieldViolation("name", "must not contain control or invisible characters"));
        }
        Optional<ApiKeyScope> scope = request.scope() == null ? Optional.empty() : ApiKeyScope.of(request.scope());
        if (request.scope() == null) {
            errors.add(new FieldViolation("scope", "is required"));
        } else if (scope.isEmpty()) {
            errors.add(new FieldViolation("scope", "must be \"read\" or \"full\""));
        }
        if (request.expiresInDays() != null
                && (request.expiresInDays() < 1 || request.expiresInDays() > properties.maxDays())) {
            errors.add(new FieldViolation("expiresInDays", "must be between 1 and " + properties.maxDays()));
        }
        if (request.currentPassword() == null || request.currentPassword().isEmpty()) {
            errors.add(new FieldViolation("currentPassword", "is required: creating an API key needs your password"));
        } else if (request.currentPassword().length() > PASSWORD_MAX) {
            errors.add(new FieldViolation("currentPassword", "is incorrect"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        accounts.reauthenticate(accountId, request.currentPassword(), "currentPassword", clientIp);
        Instant expiresAt = clock.instant().plus(request.expiresInDays() == null ? properties.defaultTtl()
                : Duration.ofDays(request.expiresInDays()));

        for (int attempt = 1; ; attempt++) {
            ApiKeys.Generated generated = ApiKeys.generate();
            try {
                ApiKey key = transactions.execute(status -> {
                    if (!keys.lockAccount(accountId)) {
                        throw ApiProblem.notFound("This account no longer exists");
                    }
                    if (keys.countByAccount(accountId) >= properties.maxPerAccount()) {
                        throw new ApiProblem(HttpStatus.CONFLICT, API_KEY_LIMIT, "An account may hold at most "
                                + properties.maxPerAccount() + " API keys; revoke one first");
                    }
                    return keys.insert(UUID.randomUUID(), accountId, name, scope.get(), generated.prefix(), generated.hash(),
                            expiresAt);
                });
                log.info("Account {} created API key {} ({}, scope {})", accountId, key.id(), key.prefix(), key.scope().value());
                return new Created(key, generated.key());
            } catch (DuplicateKeyException prefixTaken) {
                if (attempt == INSERT_ATTEMPTS) {
                    throw prefixTaken;
                }
            }
        }
    }

    List<ApiKey> list(UUID accountId) {
        return keys.findByAccount(accountId);
    }

    /**
     * Revokes one of the account's keys at once: the row goes, and the tokens already exchanged for it are marked
     * revoked for the gateway ({@link SessionRevoked}, their {@code sid} is the key id). Another account's key is a
     * 404, as an unknown one is.
     */
    void revoke(UUID accountId, UUID keyId) {
        if (!keys.delete(keyId, accountId)) {
            throw ApiProblem.notFound("No API key " + keyId);
        }
        events.publishEvent(new SessionRevoked(keyId.toString(), "API key revoked"));
        log.info("Account {} revoked API key {}", accountId, keyId);
    }

    /**
     * A password change or an administrator's "end sessions" revokes all the account's keys, in the transaction of
     * the change: whoever held the old password or a session may have made keys. Their exchanged tokens end with
     * the account's other access tokens (the per-account mark). A lock only suspends keys (refused while locked);
     * deleting the account deletes them (cascade).
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(AccountSessionsEnded event) {
        if (event.reason() == AccountSessionsEnded.Reason.PASSWORD_CHANGED
                || event.reason() == AccountSessionsEnded.Reason.ENDED_BY_ADMIN) {
            List<UUID> revoked = keys.deleteAll(event.accountId());
            if (!revoked.isEmpty()) {
                log.info("Revoked {} API key(s) of account {} ({})", revoked.size(), event.accountId(), event.reason());
            }
        }
    }

    /**
     * An access token for a valid, unexpired key of an existing, unlocked account: the claims of a sign-in token
     * plus {@code scope}, {@code auth_method=api_key}, {@code api_key_id} and {@code sid} (the key id), with role
     * USER only, for {@code token-ttl} but never past the key's expiry. Anything else is one 401
     * ({@value #INVALID_API_KEY}) that does not say why.
     */
    Exchanged exchange(String presented) {
        Optional<ApiKeyRepository.StoredKey> found = ApiKeys.prefixOf(presented).flatMap(keys::findByPrefix);
        if (found.isEmpty() || !ApiKeys.matches(presented, found.get().hash())) {
            refused.increment();
            throw invalidKey();
        }
        ApiKey key = found.get().key();
        Instant now = clock.instant();
        Duration untilExpiry = Duration.between(now, key.expiresAt()).truncatedTo(ChronoUnit.SECONDS);
        if (untilExpiry.compareTo(Duration.ofSeconds(1)) < 0) {
            log.info("API key {} refused: it expired at {}", key.id(), key.expiresAt());
            refused.increment();
            throw invalidKey();
        }
        Account account = accounts.findById(key.accountId()).filter(a -> !a.locked()).orElse(null);
        if (account == null) {
            log.info("API key {} refused: its account {} is locked", key.id(), key.accountId());
            refused.increment();
            throw invalidKey();
        }
        if (key.lastUsedAt() == null || key.lastUsedAt().isBefore(now.minus(properties.lastUsedResolution()))) {
            keys.touch(key.id(), properties.lastUsedResolution());
        }
        Duration ttl = untilExpiry.compareTo(properties.tokenTtl()) < 0 ? untilExpiry : properties.tokenTtl();
        AccessTokenIssuer.AccessToken token = tokens.issue(account.id(), account.username(), KEY_ROLES, ttl, Map.of(
                StockRadarJwt.CLAIM_SCOPE, key.scope().value(),
                CLAIM_AUTH_METHOD, AUTH_METHOD_API_KEY,
                CLAIM_API_KEY_ID, key.id().toString(),
                StockRadarJwt.CLAIM_SESSION, key.id().toString()));
        exchanged.increment();
        return new Exchanged(token, key.scope());
    }

    private static ApiProblem invalidKey() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, INVALID_API_KEY, "The API key is invalid or has been revoked");
    }
}
