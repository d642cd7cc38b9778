package io.stockradar.auth.account;

import io.stockradar.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The administrator from configuration (the shared test context configures {@code root-admin}). */
class AdminBootstrapIntegrationTests extends AuthServiceIntegrationTest {

    private static final String PASSWORD = "granite-willow-beacon-23";

    @Autowired
    private AccountRepository repository;

    @Autowired
    private PasswordHashing passwords;

    @Autowired
    private AccountService service;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void startingAgainCreatesNoSecondAdministrator() {
        bootstrap(ADMIN_USERNAME, ADMIN_USERNAME + "@stockradar.test", ADMIN_PASSWORD);
        bootstrap(ADMIN_USERNAME, ADMIN_USERNAME + "@stockradar.test", ADMIN_PASSWORD);

        assertThat(jdbc.sql("select count(*) from account where username_key = ? and 'ADMIN' = any(roles)")
                .param(ADMIN_USERNAME).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aNewConfiguredAdministratorIsCreatedWithBothRoles() {
        String name = uniqueName("boss");

        bootstrap(name, name + "@example.com", PASSWORD);

        assertThat(jdbc.sql("select roles::text from account where username_key = ?").param(name.toLowerCase())
                .query(String.class).single()).isEqualTo("{USER,ADMIN}");
        assertThat(api().login(name, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anExistingUserWithTheConfiguredNameIsNeverPromoted() {
        String name = uniqueName("squatter");
        assertThat(api().signup(name, name + "@example.com", PASSWORD).status()).isEqualTo(201);

        bootstrap(name, name + "@example.com", "another-strong-passphrase-1");

        assertThat(jdbc.sql("select roles::text from account where username_key = ?").param(name.toLowerCase())
                .query(String.class).single()).isEqualTo("{USER}");
    }

    @Test
    void partialOrWeakConfigurationStopsTheStartup() {
        assertThatThrownBy(() -> bootstrap("admin2", null, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STOCKRADAR_ADMIN_PASSWORD");
        assertThatThrownBy(() -> bootstrap(uniqueName("adm"), "adm@example.com", "password1234"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("STOCKRADAR_ADMIN_PASSWORD");
    }

    @Test
    void nothingConfiguredCreatesNothing() {
        long before = accountCount();

        bootstrap(null, null, null);

        assertThat(accountCount()).isEqualTo(before);
    }

    private void bootstrap(String username, String email, String password) {
        new AdminBootstrap(new AdminProperties(username, email, password), repository, passwords, service, transactions)
                .run(new DefaultApplicationArguments());
    }
}
