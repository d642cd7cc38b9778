package io.stockradar.auth.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

    private static final CommonPasswords COMMON = CommonPasswords.load();
    private final PasswordPolicy policy = new PasswordPolicy(COMMON);

    @Test
    void bundledListHoldsTheRealCommonPasswords() {
        assertThat(COMMON.size()).isGreaterThan(30_000);
        assertThat(COMMON.contains("password")).isTrue();
        assertThat(COMMON.contains("123456")).isTrue();
        assertThat(COMMON.contains("qwerty123456")).isTrue();
        assertThat(COMMON.contains("a8Jq-unlikely-Zp3")).isFalse();
    }

    @Test
    void lengthIsTwelveToOneHundredTwentyEight() {
        assertThat(policy.problem("a".repeat(4) + "x7Kq-Lm", null, null)).isPresent(); // 11
        assertThat(policy.problem("tiger-lamp-9x", null, null)).isEmpty();              // 13
        assertThat(policy.problem("tiger-lamp-9", null, null)).isEmpty();               // 12
        assertThat(policy.problem("z".repeat(128), null, null)).isEmpty();
        assertThat(policy.problem("z".repeat(129), null, null)).hasValueSatisfying(m -> assertThat(m).contains("128"));
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        // 12 emoji are 24 UTF-16 units but 12 characters; 11 of them are too short.
        assertThat(policy.problem("🦊".repeat(12), null, null)).isEmpty();
        assertThat(policy.problem("🦊".repeat(11), null, null)).isPresent();
        assertThat(policy.problem("비밀번호는길어야안전하다", null, null)).isEmpty();
    }

    @Test
    void noCompositionRules() {
        assertThat(policy.problem("correct horse battery staple", null, null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwerty123456", "QWERTY123456", "1q2w3e4r5t6y", "123qweasdzxc", "winniethepooh"})
    void rejectsCommonPasswordsIgnoringCase(String password) {
        assertThat(policy.problem(password, null, null)).hasValueSatisfying(m -> assertThat(m).contains("common"));
    }

    @Test
    void rejectsControlCharacters() {
        assertThat(policy.problem("good-password\u0000x", null, null)).isPresent();
        assertThat(policy.problem("good-password\nline", null, null)).isPresent();
    }

    @Test
    void rejectsTheUsernameOrEmailAsPassword() {
        assertThat(policy.problem("Lovelace.Ada.1815", "lovelace.ada.1815", "ada@example.com")).isPresent();
        assertThat(policy.problem("ada.lovelace@example.com", "ada", "Ada.Lovelace@example.com")).isPresent();
    }
}
