package io.stockradar.auth.apikey;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeysTest {

    @Test
    void generatedKeysHaveTheDocumentedShapeAndAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ApiKeys.Generated generated = ApiKeys.generate();
            assertThat(generated.key()).hasSize(ApiKeys.LENGTH).matches("sr_[a-z0-9]{8}_[A-Za-z0-9_-]{43}");
            assertThat(ApiKeys.prefixOf(generated.key())).contains(generated.prefix());
            assertThat(ApiKeys.matches(generated.key(), generated.hash())).isTrue();
            assertThat(seen.add(generated.key())).isTrue();
        }
    }

    @Test
    void theHashIsOfTheWholeKey() {
        ApiKeys.Generated generated = ApiKeys.generate();
        String otherSecret = generated.key().substring(0, generated.key().length() - 1)
                + (generated.key().endsWith("A") ? "B" : "A");

        assertThat(ApiKeys.matches(otherSecret, generated.hash())).isFalse();
        assertThat(ApiKeys.prefixOf(otherSecret)).contains(generated.prefix());
    }

    @Test
    void anythingElseHasNoPrefix() {
        String good = ApiKeys.generate().key();
        assertThat(ApiKeys.prefixOf(null)).isEmpty();
        assertThat(ApiKeys.prefixOf("")).isEmpty();
        assertThat(ApiKeys.prefixOf(good + "A")).isEmpty();
        assertThat(ApiKeys.prefixOf("xx" + good.substring(2))).isEmpty();
        assertThat(ApiKeys.prefixOf("sr_ABCDEFGH_" + good.substring(12))).as("upper-case prefix").isEmpty();
        assertThat(ApiKeys.prefixOf(good.substring(0, 11) + "-" + good.substring(12))).as("separator").isEmpty();
        assertThat(ApiKeys.prefixOf(good.substring(0, 20) + "+" + good.substring(21))).as("not base64url").isEmpty();
    }

    @Test
    void theKeyNeverAppearsInToString() {
        ApiKeys.Generated generated = ApiKeys.generate();
        assertThat(generated.toString()).doesNotContain(generated.key().substring(12));
    }
}
