package io.stockradar.auth.account;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifiersTest {

    @Test
    void fullwidthLettersNormaliseToTheirAsciiForm() {
        String normalized = Identifiers.normalizeUsername("ＡＬＩＣＥ＿０１");

        assertThat(normalized).isEqualTo("ALICE_01");
        assertThat(Identifiers.key(normalized)).isEqualTo(Identifiers.key(Identifiers.normalizeUsername("alice_01")));
        assertThat(Identifiers.usernameProblem(normalized)).isEmpty();
    }

    @Test
    void keyIgnoresCaseWithoutLocaleSurprises() {
        // Locale.ROOT: a Turkish default locale would otherwise turn "I" into dotless "ı".
        assertThat(Identifiers.key("KIM.Iris")).isEqualTo("kim.iris");
    }

    @Test
    void ligaturesAndSuperscriptsCollideWithPlainLetters() {
        assertThat(Identifiers.key(Identifiers.normalizeUsername("ﬁnance²"))).isEqualTo("finance2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a.b-c_d", "User123", "0day", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsSafeUsernames(String username) {
        assertThat(Identifiers.usernameProblem(Identifiers.normalizeUsername(username))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ab",                                   // too short
            "abcdefghijklmnopqrstuvwxyz0123456",    // 33: too long
            "alice\u0000", "ali\u0007ce", "bob\nadmin", "tab\tbed", // control characters
            "раypal",                               // Cyrillic р and а: a homoglyph of "paypal"
            "alice\u200Bbob",                       // zero-width space
            "김철수abc", "ålesund",                  // letters outside the safe set
            "a b c", "alice@example", "x' OR '1'='1", "<script>", "robert');drop",
            ".hidden", "-flag", "_under"            // must start with a letter or digit
    })
    void rejectsUnsafeUsernames(String username) {
        assertThat(Identifiers.usernameProblem(Identifiers.normalizeUsername(username))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com", "a.b+tag@sub.example.co.kr", "O'Brien@example.org", "x@a-b.io"})
    void acceptsValidEmails(String email) {
        assertThat(Identifiers.emailProblem(Identifiers.normalizeEmail(email))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a@b", "a@@b.com", "a b@example.com", "a@exa mple.com", "a@-example.com",
            "a@example..com", "a@example.com\u0000", "<script>@x.com", "a@example.com\nBcc: x@y.com"})
    void rejectsInvalidEmails(String email) {
        assertThat(Identifiers.emailProblem(Identifiers.normalizeEmail(email))).isPresent();
    }

    @Test
    void rejectsTooLongEmailParts() {
        String local65 = "a".repeat(65);
        assertThat(Identifiers.emailProblem(local65 + "@example.com")).isPresent();
        assertThat(Identifiers.emailProblem("a".repeat(64) + "@example.com")).isEmpty();
        assertThat(Identifiers.emailProblem("a@" + "b".repeat(64) + ".com")).as("label over 63").isPresent();
        assertThat(Identifiers.emailProblem("a@" + "b".repeat(63) + ".com")).isEmpty();
        String tooLong = "a@" + ("b".repeat(62) + ".").repeat(4) + "com"; // 257 characters
        assertThat(Identifiers.emailProblem(tooLong)).hasValueSatisfying(m -> assertThat(m).contains("254"));
    }

    @Test
    void emailIsTrimmedAndItsKeyIgnoresCase() {
        String normalized = Identifiers.normalizeEmail("  Alice@Example.COM ");

        assertThat(normalized).isEqualTo("Alice@Example.COM");
        assertThat(Identifiers.key(normalized)).isEqualTo("alice@example.com");
        assertThat(Identifiers.key(Identifiers.normalizeEmail("ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ"))).isEqualTo("alice@example.com");
    }
}
