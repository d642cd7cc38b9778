package io.stockradar.auth.account;

import io.stockradar.common.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;
import java.util.UUID;

/**
 * Creates the configured administrator (see {@link AdminProperties}) at startup, with roles USER and ADMIN.
 * Idempotent across restarts and instances. An existing account of that username that is not already an
 * administrator is never promoted (anyone could have signed up with the name first): that is logged as an
 * error and left for an operator. A configured password must pass the same policy as any other.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AdminProperties properties;
    private final AccountRepository accounts;
    private final PasswordHashing passwords;
    private final AccountService service;
    private final TransactionTemplate transactions;

    AdminBootstrap(AdminProperties properties, AccountRepository accounts, PasswordHashing passwords,
            AccountService service, TransactionTemplate transactions) {
        this.properties = properties;
        this.accounts = accounts;
        this.passwords = passwords;
        this.service = service;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.configured()) {
            log.info("No administrator configured (STOCKRADAR_ADMIN_USERNAME/_EMAIL/_PASSWORD)");
            return;
        }
        if (!properties.complete()) {
            throw new IllegalStateException("Set all of STOCKRADAR_ADMIN_USERNAME, STOCKRADAR_ADMIN_EMAIL and "
                    + "STOCKRADAR_ADMIN_PASSWORD, or none");
        }
        String username = Identifiers.normalizeUsername(properties.username()).strip();
        String email = Identifiers.normalizeEmail(properties.email());
        Optional<String> problem = Identifiers.usernameProblem(username)
                .map(p -> "STOCKRADAR_ADMIN_USERNAME " + p)
                .or(() -> Identifiers.emailProblem(email).map(p -> "STOCKRADAR_ADMIN_EMAIL " + p))
                .or(() -> service.passwordPolicy().problem(properties.password(), username, email)
                        .map(p -> "STOCKRADAR_ADMIN_PASSWORD " + p));
        if (problem.isPresent()) {
            throw new IllegalStateException("Configured administrator is invalid: " + problem.get());
        }
        ensureAdmin(username, email);
    }

    private void ensureAdmin(String username, String email) {
        Optional<Account> existing = accounts.findByUsernameKey(Identifiers.key(username))
                .map(AccountRepository.StoredAccount::account);
        if (existing.isPresent()) {
            report(existing.get());
            return;
        }
        String hash = passwords.hash(properties.password());
        try {
            Account admin = transactions.execute(status -> {
                Account created = accounts.insert(UUID.randomUUID(), username, email, hash);
                accounts.addRole(created.id(), Account.ROLE_ADMIN);
                return created;
            });
            log.info("Created the configured administrator {} ({})", username, admin.id());
        } catch (DuplicateKeyException race) {
            // Another instance created it at the same moment, or the e-mail address belongs to someone else.
            accounts.findByUsernameKey(Identifiers.key(username)).map(AccountRepository.StoredAccount::account)
                    .ifPresentOrElse(this::report, () -> log.error("Cannot create the configured administrator {}: "
                            + "its e-mail address is registered to another account", username));
        } catch (ApiProblem e) {
            throw new IllegalStateException("Cannot create the configured administrator: " + e.getMessage(), e);
        }
    }

    private void report(Account account) {
        if (account.roles().contains(Account.ROLE_ADMIN)) {
            log.info("Configured administrator {} exists", account.username());
        } else {
            log.error("Account {} ({}) exists but is not an administrator; it is NOT promoted automatically. "
                    + "Choose another STOCKRADAR_ADMIN_USERNAME or grant the role by hand.", account.username(), account.id());
        }
    }
}
