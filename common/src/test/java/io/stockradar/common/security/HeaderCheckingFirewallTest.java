package io.stockradar.common.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderCheckingFirewallTest {

    private static final List<String> SAMPLES = List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "a\tb", "~ !",
            "삼성전자", "café", "a\u0000b", "a\nb", "a\rb", "\u007f", "\u0085", "\u0378", "\uFFFF", "\uD83D\uDE00",
            "\uD83D", "x\u001fy");

    @Test
    void givesTheSameVerdictsAsSpringSecuritysDefaults() {
        Predicate<String> names = HeaderCheckingFirewall.printableAsciiOr(false, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
        Predicate<String> values = HeaderCheckingFirewall.printableAsciiOr(true, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
        Predicate<String> parameterNames =
                HeaderCheckingFirewall.printableAsciiOr(false, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES);
        for (String sample : SAMPLES) {
            assertThat(names.test(sample)).as("header name %s", sample)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(sample));
            assertThat(values.test(sample)).as("header value %s", sample)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(sample));
            assertThat(parameterNames.test(sample)).as("parameter name %s", sample)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_PARAMETER_NAMES.test(sample));
        }
    }

    @Test
    void printableAsciiIsAcceptedWithoutTheRegularExpression() {
        List<String> asked = new ArrayList<>();
        Predicate<String> check = HeaderCheckingFirewall.printableAsciiOr(true, value -> {
            asked.add(value);
            return StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value);
        });

        assertThat(check.test("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).isTrue();
        assertThat(check.test("a\tb")).isTrue();
        assertThat(asked).isEmpty();

        assertThat(check.test("삼성전자")).isTrue();
        assertThat(check.test("a\u0000b")).isFalse();
        assertThat(asked).containsExactly("삼성전자", "a\u0000b");
    }

    @Test
    void firewalledRequestStillRejectsControlCharactersInHeaders() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/market/quote/AAPL");
        request.addHeader("Authorization", "Bearer abc");
        request.addHeader("X-Bad", "a\u0000b");
        var firewalled = HeaderCheckingFirewall.strict().getFirewalledRequest(request);

        assertThat(firewalled.getHeader("Authorization")).isEqualTo("Bearer abc");
        assertThatThrownBy(() -> firewalled.getHeader("X-Bad")).isInstanceOf(RequestRejectedException.class);
    }
}
