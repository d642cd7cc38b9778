package io.stockradar.auth.token;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokensTest {

    @Test
    void tokensAre256RandomBitsInBase64Url() {
        String token = RefreshTokens.generate();

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(RefreshTokens.isWellFormed(token)).isTrue();
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            tokens.add(RefreshTokens.generate());
        }
        assertThat(tokens).hasSize(10_000);
    }

    @Test
    void storedFormIsTheSha256OfTheToken() {
        // SHA-256("abc"), FIPS 180-2 test vector
        assertThat(RefreshTokens.hash("abc")).asHexString()
                .isEqualToIgnoringCase("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
        String token = RefreshTokens.generate();
        assertThat(RefreshTokens.hash(token)).hasSize(32).isEqualTo(RefreshTokens.hash(token));
    }

    @Test
    void junkIsNotWellFormed() {
        assertThat(RefreshTokens.isWellFormed(null)).isFalse();
        assertThat(RefreshTokens.isWellFormed("")).isFalse();
        assertThat(RefreshTokens.isWellFormed("a".repeat(42))).isFalse();
        assertThat(RefreshTokens.isWellFormed("a".repeat(42) + "=")).isFalse();
        assertThat(RefreshTokens.isWellFormed("a".repeat(42) + "+")).isFalse();
        assertThat(RefreshTokens.isWellFormed("' OR 1=1 --" + "a".repeat(32))).isFalse();
    }
}
