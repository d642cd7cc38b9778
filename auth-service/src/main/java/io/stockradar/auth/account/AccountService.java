package io.stockradar.auth.account;

import io.stockradar.auth.outbox.Outbox;
import io.stockradar.auth.throttle.LoginThrottle;
import io.stockradar.auth.throttle.SignupThrottle;
import io.stockradar.common.event.Topics;
import io.stockradar.common.event.UserDeletedEvent;
import io.stockradar.common.problem.ApiProblem;
import io.stockradar.common.problem.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Signing up, finding and authenticating accounts. */
@Service
public class AccountService {

    static final String USERNAME_TAKEN = "USERNAME_TAKEN";
    static final String EMAIL_TAKEN = "EMAIL_TAKEN";
    static final String INVALID_PASSWORD = "INVALID_PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final PasswordHashing passwords;
    private final PasswordPolicy passwordPolicy;
    private final LoginThrottle throttle;
    private final SignupThrottle signupThrottle;
    private final Outbox outbox;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    AccountService(AccountRepository accounts, PasswordHashing passwords, LoginThrottle throttle,
            SignupThrottle signupThrottle, Outbox outbox, ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.passwordPolicy = new PasswordPolicy(CommonPasswords.load());
        this.throttle = throttle;
        this.signupThrottle = signupThrottle;
        this.outbox = outbox;
        this.events = events;
        this.transactions = transactions;
    }

    /** The password rules, for other sign-up paths in this package (the configured administrator). */
    PasswordPolicy passwordPolicy() {
        return passwordPolicy;
    }

    /**
     * Creates an account with role {@code USER}. Invalid input is a 400 naming every bad field; a taken
     * username or e-mail a 409 ({@value #USERNAME_TAKEN} / {@value #EMAIL_TAKEN}), also when a concurrent
     * signup wins the race for the same name (the database's unique constraints decide).
     * <p>
     * Valid input counts against the client address's sign-up budget ({@link SignupThrottle}) before any
     * name is looked up: beyond it, a 429 {@code SIGNUP_THROTTLED} with {@code Retry-After}, whether the
     * names are taken or not, and nothing is stored. Invalid input is answered 400 without counting.
     */
    Account signup(SignupRequest request, String clientIp) {
        List<FieldViolation> errors = new ArrayList<>();
        String username = request.username() == null ? null : Identifiers.normalizeUsername(request.username());
        String email = request.email() == null ? null : Identifiers.normalizeEmail(request.email());
        if (username == null) {
            errors.add(new FieldViolation("username", "is required"));
        } else {
            Identifiers.usernameProblem(username).ifPresent(p -> errors.add(new FieldViolation("username", p)));
        }
        if (email == null) {
            errors.add(new FieldViolation("email", "is required"));
        } else {
            Identifiers.emailProblem(email).ifPresent(p -> errors.add(new FieldViolation("email", p)));
        }
        if (request.password() == null) {
            errors.add(new FieldViolation("password", "is required"));
        } else {
            passwordPolicy.problem(request.password(), username, email)
                    .ifPresent(p -> errors.add(new FieldViolation("password", p)));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        // A 409 tells whether a name is taken: one address may only ask so often.
        Optional<Duration> wait = signupThrottle.tryAttempt(clientIp);
        if (wait.isPresent()) {
            throw SignupThrottle.throttled(wait.get());
        }

        // Cheap early answer before spending an Argon2 hash; the insert below is what actually decides.
        ensureAvailable(username, email);
        String hash = passwords.hash(request.password());
        try {
            Account account = accounts.insert(UUID.randomUUID(), username, email, hash);
            log.info("Account {} signed up", account.id());
            return account;
        } catch (DuplicateKeyException race) {
            // A concurrent signup committed the same username or e-mail between the check and the insert.
            ensureAvailable(username, email);
            throw race; // Neither is taken now: not a naming conflict after all, so let it surface.
        }
    }

    private void ensureAvailable(String username, String email) {
        if (accounts.existsByUsernameKey(Identifiers.key(username))) {
            throw new ApiProblem(HttpStatus.CONFLICT, USERNAME_TAKEN, "This username is already taken",
                    List.of(new FieldViolation("username", "is already taken")));
        }
        if (accounts.existsByEmailKey(Identifiers.key(email))) {
            throw new ApiProblem(HttpStatus.CONFLICT, EMAIL_TAKEN, "An account with this e-mail address already exists",
                    List.of(new FieldViolation("email", "is already registered")));
        }
    }

    /**
     * Replaces the password after checking the current one; the password policy applies to the new one.
     * Every refresh token of the account is revoked in the same transaction, and its access tokens once it
     * has committed (all sessions end, the caller's own included: it signs in again with the new password).
     */
    void changePassword(UUID id, ChangePasswordRequest request, String clientIp) {
        AccountRepository.StoredAccount stored = existing(id);
        Account account = stored.account();
        reverify(stored, request.currentPassword(), "currentPassword", clientIp);
        passwordPolicy.problem(request.newPassword(), account.username(), account.email())
                .or(() -> request.newPassword().equals(request.currentPassword())
                        ? Optional.of("must differ from the current password") : Optional.empty())
                .ifPresent(problem -> {
                    throw ApiProblem.invalid(List.of(new FieldViolation("newPassword", problem)));
                });
        String hash = passwords.hash(request.newPassword());
        transactions.executeWithoutResult(status -> {
            accounts.updatePasswordHash(id, hash);
            events.publishEvent(new AccountSessionsEnded(id, AccountSessionsEnded.Reason.PASSWORD_CHANGED));
        });
        log.info("Account {} changed its password; all its sessions were ended", id);
    }

    /**
     * Deletes the account after checking its password. In one transaction: the account row, its refresh
     * tokens (cascade) and a {@link UserDeletedEvent} in the outbox, so the event is published if and only
     * if the deletion committed. Its access tokens are revoked once it has ({@link AccountSessionsEnded}).
     */
    void delete(UUID id, DeleteAccountRequest request, String clientIp) {
        reverify(existing(id), request.password(), "password", clientIp);
        transactions.executeWithoutResult(status -> {
            if (!accounts.delete(id)) {
                throw ApiProblem.notFound("This account no longer exists");
            }
            events.publishEvent(new AccountSessionsEnded(id, AccountSessionsEnded.Reason.DELETED));
            UUID eventId = UUID.randomUUID();
            UserDeletedEvent event = new UserDeletedEvent(eventId, UserDeletedEvent.SCHEMA_VERSION, Instant.now(), id.toString());
            outbox.add(Topics.USER_DELETED_V1, id.toString(), eventId, UserDeletedEvent.SCHEMA_VERSION, event);
        });
        log.info("Account {} deleted itself", id);
    }

    /** A page of accounts for administrators, oldest first; {@code cursor} is the previous page's {@code nextCursor}. */
    public AccountPage page(int limit, String cursor) {
        AccountPage.Position after = cursor == null || cursor.isBlank() ? null : AccountPage.Position.decode(cursor);
        List<Account> rows = after == null ? accounts.page(null, null, limit + 1)
                : accounts.page(after.createdAt(), after.id(), limit + 1);
        boolean more = rows.size() > limit;
        List<Account> items = more ? rows.subList(0, limit) : rows;
        String next = more ? new AccountPage.Position(items.getLast().createdAt(), items.getLast().id()).encode() : null;
        return new AccountPage(items, next);
    }

    /** Locks an account and ends its sessions; it cannot sign in or refresh until unlocked. */
    public Account lock(UUID id) {
        Account account = transactions.execute(status -> {
            if (!accounts.setLocked(id, true)) {
                throw ApiProblem.notFound("No account " + id);
            }
            events.publishEvent(new AccountSessionsEnded(id, AccountSessionsEnded.Reason.LOCKED));
            return existing(id).account();
        });
        log.info("Account {} locked by an administrator", id);
        return account;
    }

    public Account unlock(UUID id) {
        if (!accounts.setLocked(id, false)) {
            throw ApiProblem.notFound("No account " + id);
        }
        log.info("Account {} unlocked by an administrator", id);
        return existing(id).account();
    }

    /** Revokes every refresh token of an account (signs it out everywhere). */
    public void endSessions(UUID id) {
        transactions.executeWithoutResult(status -> {
            existing(id);
            events.publishEvent(new AccountSessionsEnded(id, AccountSessionsEnded.Reason.ENDED_BY_ADMIN));
        });
        log.info("All sessions of account {} ended by an administrator", id);
    }

    /** Whether the account is locked (false when it does not exist). One primary-key lookup. */
    public boolean isLocked(UUID id) {
        return accounts.isLocked(id);
    }

    /**
     * Re-authentication before a sensitive action of another feature (creating an API key): the account's
     * password, checked and throttled as for a password change. A wrong password is a 403 naming {@code field}.
     */
    public Account reauthenticate(UUID id, String password, String field, String clientIp) {
        AccountRepository.StoredAccount stored = existing(id);
        reverify(stored, password, field, clientIp);
        return stored.account();
    }

    private AccountRepository.StoredAccount existing(UUID id) {
        return accounts.findById(id).orElseThrow(() -> ApiProblem.notFound("This account no longer exists"));
    }

    /**
     * Checks the password of a signed-in user before a sensitive change. Failures count like failed
     * sign-ins against the same account (a stolen access token does not allow guessing the password).
     */
    private void reverify(AccountRepository.StoredAccount stored, String password, String field, String clientIp) {
        String loginKey = LoginThrottle.accountKey(stored.account().id());
        Optional<Duration> wait = throttle.tryAttempt(loginKey, clientIp);
        if (wait.isPresent()) {
            throw LoginThrottle.throttled(wait.get());
        }
        if (!passwords.matches(password, stored.passwordHash())) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, INVALID_PASSWORD, "The password is incorrect",
                    List.of(new FieldViolation(field, "is incorrect")));
        }
        throttle.succeeded(loginKey, clientIp);
    }

    public Optional<Account> findById(UUID id) {
        return accounts.findById(id).map(AccountRepository.StoredAccount::account);
    }

    /**
     * A login name looked up once: the key the login throttle counts it under and the account it names, if
     * any. The throttle key is the account's ({@link LoginThrottle#accountKey}) whichever of its username
     * or e-mail address was typed, so alternating them gains no guesses; an unknown name gets a key of its
     * own ({@link LoginThrottle#unknownNameKey}, from its normalised spelling) that the throttle treats
     * exactly alike, so neither the answers nor their timing tell whether the name exists.
     */
    public static final class LoginName {

        private final String throttleKey;
        private final AccountRepository.StoredAccount stored;

        private LoginName(String throttleKey, AccountRepository.StoredAccount stored) {
            this.throttleKey = throttleKey;
            this.stored = stored;
        }

        public String throttleKey() {
            return throttleKey;
        }
    }

    /** Looks {@code login} (username or e-mail address, any spelling) up: one query, known or not. */
    public LoginName identify(String login) {
        Optional<AccountRepository.StoredAccount> found = find(login);
        return found.map(stored -> new LoginName(LoginThrottle.accountKey(stored.account().id()), stored))
                .orElseGet(() -> new LoginName(LoginThrottle.unknownNameKey(loginKey(login)), null));
    }

    /**
     * The account {@code name} names, if {@code password} is its password; empty otherwise. Costs one
     * Argon2 verification in every case, so response time does not tell whether the account exists.
     */
    public Optional<Account> authenticate(LoginName name, String password) {
        AccountRepository.StoredAccount stored = name.stored;
        if (stored == null) {
            passwords.matchesNothing(password);
            return Optional.empty();
        }
        if (!passwords.matches(password, stored.passwordHash())) {
            return Optional.empty();
        }
        if (stored.account().locked()) {
            // The same answer as a wrong password: a lock is no oracle for having guessed right.
            log.info("Sign-in to locked account {} refused", stored.account().id());
            return Optional.empty();
        }
        if (passwords.needsRehash(stored.passwordHash())) {
            accounts.updatePasswordHash(stored.account().id(), passwords.hash(password));
        }
        return Optional.of(stored.account());
    }

    /**
     * The key a login name is known by however it is spelled: NFKC, trimmed, lower-cased. An e-mail
     * address and a username are different keys.
     */
    private static String loginKey(String login) {
        if (login == null) {
            return "";
        }
        return Identifiers.looksLikeEmail(login) ? Identifiers.key(Identifiers.normalizeEmail(login))
                : Identifiers.key(Identifiers.normalizeUsername(login).strip());
    }

    private Optional<AccountRepository.StoredAccount> find(String login) {
        if (login == null) {
            return Optional.empty();
        }
        if (Identifiers.looksLikeEmail(login)) {
            String email = Identifiers.normalizeEmail(login);
            return email.length() > Identifiers.EMAIL_MAX ? Optional.empty()
                    : accounts.findByEmailKey(Identifiers.key(email));
        }
        String username = Identifiers.normalizeUsername(login).strip();
        return username.length() > Identifiers.USERNAME_MAX ? Optional.empty()
                : accounts.findByUsernameKey(Identifiers.key(username));
    }
}
