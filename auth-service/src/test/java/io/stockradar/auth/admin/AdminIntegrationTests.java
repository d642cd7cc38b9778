package io.stockradar.auth.admin;

import io.stockradar.auth.AuthApi;
import io.stockradar.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The configured administrator and the ADMIN-only user administration. */
class AdminIntegrationTests extends AuthServiceIntegrationTest {

    private static final String PASSWORD = "maple-thunder-velvet-64";

    private String adminToken;
    private String username;
    private String userId;

    @BeforeEach
    void signIn() {
        AuthApi.Response admin = api().login(ADMIN_USERNAME, ADMIN_PASSWORD);
        assertThat(admin.status()).as("the configured administrator can sign in").isEqualTo(200);
        adminToken = admin.json().get("accessToken").asString();
        username = uniqueName("managed");
        AuthApi.Response signup = api().signup(username, username + "@example.com", PASSWORD);
        userId = signup.json().get("id").asString();
    }

    @Test
    void theConfiguredAdministratorHasBothRoles() {
        AuthApi.Response me = api().get("/api/auth/me", adminToken);

        assertThat(me.json().get("roles").toString()).isEqualTo("[\"USER\",\"ADMIN\"]");
        assertThat(jdbc.sql("select count(*) from account where username_key = ?").param(ADMIN_USERNAME)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void usersGet403AndAnonymousCallers401() {
        String userToken = api().login(username, PASSWORD).json().get("accessToken").asString();

        for (AuthApi.Response response : List.of(
                api().get("/api/auth/admin/users", userToken),
                api().json("POST", "/api/auth/admin/users/" + userId + "/lock", userToken, null),
                api().json("POST", "/api/auth/admin/users/" + userId + "/unlock", userToken, null),
                api().json("DELETE", "/api/auth/admin/users/" + userId + "/sessions", userToken, null))) {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("code").asString()).isEqualTo("FORBIDDEN");
        }
        assertThat(api().get("/api/auth/admin/users").status()).isEqualTo(401);
        assertThat(api().login(username, PASSWORD).status()).as("nothing was locked").isEqualTo(200);
    }

    @Test
    void theUserListPagesThroughEveryAccountOnceInOrder() {
        for (int i = 0; i < 3; i++) {
            String name = uniqueName("page");
            api().signup(name, name + "@example.com", PASSWORD);
        }
        long total = accountCount();
        List<String> ids = new ArrayList<>();
        List<String> created = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String path = "/api/auth/admin/users?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = api().get(path, adminToken).json();
            assertThat(page.get("items").size()).isBetween(1, 2);
            page.get("items").forEach(item -> {
                ids.add(item.get("id").asString());
                created.add(item.get("createdAt").asString());
                assertThat(item.has("passwordHash")).isFalse();
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10_000);

        assertThat(ids).hasSize((int) total).doesNotHaveDuplicates().contains(userId);
        assertThat(created).isSortedAccordingTo((a, b) -> java.time.Instant.parse(a).compareTo(java.time.Instant.parse(b)));
    }

    @Test
    void badPagingParametersAreBadRequests() {
        assertThat(api().get("/api/auth/admin/users?cursor=bm9wZQ", adminToken).status()).isEqualTo(400);
        assertThat(api().get("/api/auth/admin/users?limit=0", adminToken).status()).isEqualTo(400);
        assertThat(api().get("/api/auth/admin/users?limit=201", adminToken).status()).isEqualTo(400);
    }

    @Test
    void aLockedUserCannotSignInRefreshOrUseTheirAccessToken() {
        JsonNode tokens = api().login(username, PASSWORD).json();
        String wrongPasswordBody = api().login(username, "not-the-password").body();

        AuthApi.Response locked = api().json("POST", "/api/auth/admin/users/" + userId + "/lock", adminToken, null);

        assertThat(locked.status()).isEqualTo(200);
        assertThat(locked.json().get("locked").asBoolean()).isTrue();
        assertThat(locked.json().get("lockedAt").asString()).isNotBlank();
        AuthApi.Response login = api().login(username, PASSWORD);
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.body()).as("no oracle: the same as a wrong password").isEqualTo(wrongPasswordBody);
        assertThat(api().refresh(tokens.get("refreshToken").asString()).status()).isEqualTo(401);
        AuthApi.Response me = api().get("/api/auth/me", tokens.get("accessToken").asString());
        assertThat(me.status()).as("the unexpired access token is refused here").isEqualTo(401);
        assertThat(me.contentType()).startsWith("application/problem+json");

        AuthApi.Response unlocked = api().json("POST", "/api/auth/admin/users/" + userId + "/unlock", adminToken, null);

        assertThat(unlocked.status()).isEqualTo(200);
        assertThat(unlocked.json().get("locked").asBoolean()).isFalse();
        assertThat(api().login(username, PASSWORD).status()).isEqualTo(200);
        assertThat(api().refresh(tokens.get("refreshToken").asString()).status())
                .as("the lock ended the old sessions for good").isEqualTo(401);
    }

    @Test
    void endingSessionsRevokesEveryRefreshTokenOfTheUserOnly() {
        String first = api().login(username, PASSWORD).json().get("refreshToken").asString();
        String second = api().login(username, PASSWORD).json().get("refreshToken").asString();
        String adminRefresh = api().login(ADMIN_USERNAME, ADMIN_PASSWORD).json().get("refreshToken").asString();

        AuthApi.Response ended = api().json("DELETE", "/api/auth/admin/users/" + userId + "/sessions", adminToken, null);

        assertThat(ended.status()).isEqualTo(204);
        assertThat(api().refresh(first).status()).isEqualTo(401);
        assertThat(api().refresh(second).status()).isEqualTo(401);
        assertThat(api().refresh(adminRefresh).status()).isEqualTo(200);
        assertThat(api().login(username, PASSWORD).status()).as("not locked").isEqualTo(200);
    }

    @Test
    void unknownAccountsAre404AndAdministratorsCannotLockThemselves() {
        String unknown = "/api/auth/admin/users/00000000-0000-4000-8000-000000000000";
        assertThat(api().json("POST", unknown + "/lock", adminToken, null).status()).isEqualTo(404);
        assertThat(api().json("POST", unknown + "/unlock", adminToken, null).status()).isEqualTo(404);
        assertThat(api().json("DELETE", unknown + "/sessions", adminToken, null).status()).isEqualTo(404);
        assertThat(api().json("POST", "/api/auth/admin/users/not-a-uuid/lock", adminToken, null).status()).isEqualTo(400);

        String adminId = api().get("/api/auth/me", adminToken).json().get("id").asString();
        assertThat(api().json("POST", "/api/auth/admin/users/" + adminId + "/lock", adminToken, null).status())
                .isEqualTo(409);
        assertThat(api().get("/api/auth/me", adminToken).status()).as("still unlocked").isEqualTo(200);
    }
}
